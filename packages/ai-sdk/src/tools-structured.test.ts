// Tool loops and structured output through the real `ai` 6: what each step sent to the fake.
import { generateObject, generateText, Output, stepCountIs, tool } from 'ai';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { providersFor, useFakes } from './__fixtures__/fakes.js';
import { createModelmux } from './index.js';

const { fake, make } = useFakes();

describe('tools', () => {
  test('a multi-step tool loop: call, result sent back, final answer (stopWhen)', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const calls: unknown[] = [];
    const result = await generateText({
      model: createModelmux(factory)('auto'),
      prompt: 'What is the weather in "Paris"?',
      tools: {
        weather: tool({
          description: 'The current weather in a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            calls.push(city);
            return { city, celsius: 21 };
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(calls).toEqual(['Paris']);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.finishReason).toBe('tool-calls');
    expect(result.text).toContain('Based on the tool result');
    const [first, second] = fake().requests('openai');
    expect(first?.body).toMatchObject({
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'The current weather in a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const messages = (second?.body as { messages: Record<string, unknown>[] }).messages;
    const callId = (messages[1]?.['tool_calls'] as { id: string }[])[0]?.id;
    expect(messages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [
        { type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(messages[2]).toMatchObject({
      role: 'tool',
      tool_call_id: callId,
      content: JSON.stringify({ city: 'Paris', celsius: 21 }),
    });
  });

  test('toolChoice reaches the vendor (a named tool; none)', async () => {
    const factory = make({ providers: providersFor(fake(), ['anthropic']) });
    const tools = {
      search: tool({ description: 'Search the docs', inputSchema: z.object({ q: z.string() }) }),
      clock: tool({ description: 'The time', inputSchema: z.object({}) }),
    };
    const model = createModelmux(factory)('auto');
    const named = await generateText({
      model,
      prompt: 'Hello',
      tools,
      toolChoice: { type: 'tool', toolName: 'clock' },
    });
    expect(named.toolCalls.map((c) => c.toolName)).toEqual(['clock']);
    expect(fake().requests('anthropic')[0]?.body).toMatchObject({
      tool_choice: { type: 'tool', name: 'clock' },
    });
    await generateText({ model, prompt: 'Hello', tools, toolChoice: 'none' });
    expect(fake().requests('anthropic')[1]?.body).toMatchObject({ tool_choice: { type: 'none' } });
  });
});

describe('structured output', () => {
  const Recipe = z.object({
    name: z.string(),
    minutes: z.number().int(),
    steps: z.array(z.string()),
  });

  test('generateObject with a zod schema: the vendor gets the JSON schema, the caller the object', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const { object, providerMetadata } = await generateObject({
      model: createModelmux(factory)('auto'),
      schema: Recipe,
      schemaName: 'recipe',
      prompt: 'A pancake recipe.',
    });
    expect(Recipe.parse(object)).toEqual(object);
    expect(fake().requests('openai')[0]?.body).toMatchObject({
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'recipe',
          schema: { type: 'object', required: ['name', 'minutes', 'steps'] },
        },
      },
    });
    expect(providerMetadata?.['modelmux']).toMatchObject({ provider: 'openai' });
  });

  test('Output.object in generateText, on Gemini', async () => {
    const factory = make({ providers: providersFor(fake(), ['google']) });
    const result = await generateText({
      model: createModelmux(factory)('google'),
      output: Output.object({ schema: Recipe }),
      prompt: 'A pancake recipe.',
    });
    expect(Recipe.parse(result.output)).toEqual(result.output);
    expect(fake().requests('google')[0]?.body).toMatchObject({
      generationConfig: { responseMimeType: 'application/json' },
    });
  });
});
