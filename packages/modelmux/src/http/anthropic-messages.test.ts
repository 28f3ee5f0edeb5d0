// The real `@anthropic-ai/sdk` on `factory.openaiFetch()` (its `/v1/messages` route): Claude
// clients are served by the factory, whichever vendor answers.
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';
import type { ProviderFactory } from '../provider-factory.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

function claudeOf(factory: ProviderFactory): Anthropic {
  return new Anthropic({
    apiKey: 'unused',
    baseURL: 'http://modelmux',
    fetch: factory.openaiFetch(),
    maxRetries: 0,
  });
}

const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('openaiFetch(): /v1/messages with the Anthropic SDK', () => {
  test('create: system and messages reach the routed provider (here OpenAI); a message comes back', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const message = await claudeOf(factory).messages.create({
      model: 'auto',
      max_tokens: 200,
      system: 'Answer briefly.',
      messages: [{ role: 'user', content: 'What is RAG?' }],
    });
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0]?.type === 'text' && message.content[0].text).toMatch(/\w/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const sent = fake.requests('openai')[0]?.body as Record<string, unknown>;
    expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(200);
    expect(sent).toMatchObject({
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is RAG?' },
      ],
    });
  });

  test('stream: named events assemble into the same message (finalMessage)', async () => {
    const factory = make({ providers: providersFor(fake, ['anthropic']) });
    const client = claudeOf(factory);
    const request = {
      model: 'anthropic',
      max_tokens: 200,
      messages: [
        { role: 'user' as const, content: 'Tell me about retrieval augmented generation' },
      ],
    };
    const whole = await client.messages.create(request);
    const stream = client.messages.stream(request);
    const names: string[] = [];
    stream.on('streamEvent', (event) => names.push(event.type));
    const final = await stream.finalMessage();
    expect(final.content).toEqual(whole.content);
    expect(final.usage.output_tokens).toBe(whole.usage.output_tokens);
    expect(final.stop_reason).toBe('end_turn');
    expect(names[0]).toBe('message_start');
    expect(names).toContain('content_block_delta');
    expect(names.at(-2)).toBe('message_delta');
    expect(names.at(-1)).toBe('message_stop');
  });

  test('tools: tool_use, then tool_result, then the answer (round trip, streamed first turn)', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const client = claudeOf(factory);
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: 'Use get_weather for "Paris"' },
    ];
    const first = await client.messages
      .stream({ model: 'openai', max_tokens: 200, messages, tools: [weather] })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: (use as Anthropic.ToolUseBlock).id,
            content: 'Sunny, 21 °C',
          },
        ],
      },
    );
    const second = await client.messages.create({
      model: 'openai',
      max_tokens: 200,
      messages,
      tools: [weather],
    });
    expect(second.content[0]?.type === 'text' && second.content[0].text).toContain('Sunny, 21 °C');
    const sent = fake.requests('openai')[1]?.body as { messages: Record<string, unknown>[] };
    expect(sent.messages.at(-1)).toMatchObject({
      role: 'tool',
      tool_call_id: (use as Anthropic.ToolUseBlock).id,
    });
  });

  test("errors come back in Anthropic's shape: a missing max_tokens is a BadRequestError", async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const error = await claudeOf(factory)
      .messages.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
    expect(fake.count()).toBe(0);
  });
});
