import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { type FakeProviders, useFakeFactories } from './__fixtures__/fakes.js';
import { ChatModelmux, modelmuxMetadataOf } from './index.js';

let fake: FakeProviders;
const make = useFakeFactories((f) => (fake = f));

const weather = tool(async ({ city }) => `18°C and sunny in ${city}`, {
  name: 'get_weather',
  description: 'The current weather in a city',
  schema: z.object({ city: z.string().describe('The city') }),
});

type Body = {
  tools?: { function?: { name: string }; name?: string }[];
  messages: { role: string; content?: unknown; tool_call_id?: string }[];
};

describe('bindTools', () => {
  test('a tool-calling round trip: the call, the tool result sent back, the final answer', async () => {
    const model = new ChatModelmux({ factory: make() }).bindTools([weather]);
    fake.script('openai', [
      { reply: { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] } },
      { reply: { text: 'It is 18°C and sunny in Paris.' } },
    ]);
    const question = new HumanMessage('What is the weather in Paris?');
    const call = await model.invoke([question]);
    expect(call.tool_calls).toEqual([
      expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' }, type: 'tool_call' }),
    ]);
    expect(call.response_metadata['finish_reason']).toBe('tool_calls');
    const result = (await weather.invoke(call.tool_calls?.[0] as never)) as ToolMessage;
    const answer = await model.invoke([question, call, result]);
    expect(answer.content).toBe('It is 18°C and sunny in Paris.');

    const [first, second] = fake.requests('openai').map((r) => r.body as Body);
    expect(first?.tools?.map((t) => t.function?.name)).toEqual(['get_weather']);
    expect(second?.messages.at(-1)).toMatchObject({
      role: 'tool',
      tool_call_id: call.tool_calls?.[0]?.id,
      content: '18°C and sunny in Paris',
    });
  });

  test('tools are bound on every candidate: the fallback gets them when the primary fails', async () => {
    const model = new ChatModelmux({ factory: make() }).bindTools([weather], {
      tool_choice: 'get_weather',
    });
    fake.script('openai', [{ status: 500 }]);
    const call = await model.invoke('Weather in Oslo?');
    expect(modelmuxMetadataOf(call)?.provider).toBe('anthropic');
    expect(call.tool_calls?.[0]).toMatchObject({ name: 'get_weather' });
    const sent = fake.requests('anthropic')[0]?.body as {
      tools: { name: string; input_schema: unknown }[];
      tool_choice: unknown;
    };
    expect(sent.tools.map((t) => t.name)).toEqual(['get_weather']);
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
  });

  test('a tool_choice it cannot map is a typed error naming the field', async () => {
    const model = new ChatModelmux({ factory: make() }).bindTools([weather], {
      tool_choice: { type: 'mystery' },
    });
    await expect(model.invoke('Hi')).rejects.toMatchObject({
      name: 'ModelmuxInvalidRequestError',
      field: 'tool_choice',
    });
    expect(fake.count()).toBe(0);
  });
});

describe('withStructuredOutput', () => {
  const Person = z.object({ name: z.string(), age: z.number() });

  test('function calling (default): one forced tool, the parsed and validated object', async () => {
    const model = new ChatModelmux({ factory: make() }).withStructuredOutput(Person, {
      name: 'person',
    });
    fake.script('openai', [
      { reply: { toolCalls: [{ name: 'person', args: { name: 'Ada', age: 36 } }] } },
    ]);
    const person = await model.invoke('Ada Lovelace was 36.');
    expect(person).toEqual({ name: 'Ada', age: 36 });
    const sent = fake.requests('openai')[0]?.body as Body & { tool_choice: unknown };
    expect(sent.tools?.map((t) => t.function?.name)).toEqual(['person']);
    expect(sent.tool_choice).toEqual({ type: 'function', function: { name: 'person' } });
  });

  test('jsonSchema: the schema goes out as response_format, includeRaw keeps the message', async () => {
    const model = new ChatModelmux({ factory: make() }).withStructuredOutput(Person, {
      method: 'jsonSchema',
      name: 'person',
      includeRaw: true,
    });
    fake.script('openai', [{ reply: { text: '{"name":"Grace","age":85}' } }]);
    const { parsed, raw } = await model.invoke('Grace Hopper lived to 85.');
    expect(parsed).toEqual({ name: 'Grace', age: 85 });
    expect(modelmuxMetadataOf(raw)?.provider).toBe('openai');
    expect(fake.requests('openai')[0]?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'person' } },
    });
  });

  test('jsonMode: JSON without a schema on the wire; a wrong shape fails zod validation', async () => {
    const model = new ChatModelmux({ factory: make() }).withStructuredOutput(Person, {
      method: 'jsonMode',
    });
    fake.script('openai', [{ reply: { text: '{"name":"Alan"}' } }]);
    await expect(model.invoke('Alan Turing, reply in JSON')).rejects.toThrow(/age/);
    expect(fake.requests('openai')[0]?.body).toMatchObject({
      response_format: { type: 'json_object' },
    });
  });
});
