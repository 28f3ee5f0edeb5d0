import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personSchema, weatherParameters } from '../../__fixtures__/weather.js';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeProviders } from '../../types.js';

let fake: FakeProviders;
let client: Anthropic;
const model = 'claude-haiku-4-5';
const tools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Get the weather forecast for a city',
    input_schema: weatherParameters as unknown as Anthropic.Tool.InputSchema,
  },
];

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new Anthropic({
    apiKey: 'sk-ant-test-secret-123456',
    baseURL: fake.baseURL.anthropic,
    maxRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('anthropic messages', () => {
  it('answers with a message object, a text block, end_turn and usage', async () => {
    const res = await client.messages.create({
      model,
      max_tokens: 200,
      system: 'Mount Everest is the highest mountain. The Nile is a long river.',
      messages: [{ role: 'user', content: 'Which is the highest mountain?' }],
    });
    expect(res.type).toBe('message');
    expect(res.role).toBe('assistant');
    expect(res.model).toBe(model);
    expect(res.id).toMatch(/^msg_/);
    expect(res.content).toEqual([{ type: 'text', text: 'Mount Everest is the highest mountain.' }]);
    expect(res.stop_reason).toBe('end_turn');
    expect(res.stop_sequence).toBeNull();
    expect(res.usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(res.usage.input_tokens).toBeGreaterThan(10);
    expect(res.usage.output_tokens).toBeGreaterThan(5);
    expect(res._request_id).toMatch(/^req_/);
  });

  it('streams the named event sequence, with a ping, which the SDK assembles into the final message', async () => {
    const stream = client.messages.stream({
      model,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Tell me about whales and dolphins in the ocean' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types).toContain('content_block_start');
    expect(types.filter((t) => t === 'content_block_delta').length).toBeGreaterThan(1);
    const whole = await client.messages.create({
      model,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Tell me about whales and dolphins in the ocean' }],
    });
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: 'Here is a short answer about whales dolphins ocean.',
    });
    expect(message.content).toMatchObject(whole.content);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    const raw = await rawStream({
      model,
      max_tokens: 50,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(raw).toMatch(/^event: message_start\ndata: \{/);
    expect(raw).toContain('event: ping\ndata: {"type":"ping"}');
  });

  it('calls a tool with schema-satisfying input, and streams tool input as input_json_delta', async () => {
    const res = await client.messages.create({
      model,
      max_tokens: 200,
      tools,
      messages: [{ role: 'user', content: 'What is the weather in Madrid for 5 days in celsius?' }],
    });
    expect(res.stop_reason).toBe('tool_use');
    expect(res.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_/),
        name: 'get_weather',
        input: { city: 'Madrid', days: 5, unit: 'celsius' },
      },
    ]);
    const stream = client.messages.stream({
      model,
      max_tokens: 200,
      tools,
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Any city "Kyoto" 4 days' }],
    });
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const message = await stream.finalMessage();
    expect(partials.length).toBeGreaterThan(1);
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Kyoto', days: 4, unit: 'celsius' },
    });
  });

  it('uses a forced tool for JSON output and answers with the tool result after a tool_result', async () => {
    const res = await client.messages.create({
      model,
      max_tokens: 200,
      tools: [
        { name: 'person', input_schema: personSchema as unknown as Anthropic.Tool.InputSchema },
      ],
      tool_choice: { type: 'tool', name: 'person' },
      messages: [{ role: 'user', content: 'Make up someone named "Linus" aged 55' }],
    });
    const block = res.content[0];
    if (block?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(block.input).toEqual({ name: 'Linus', age: 55, tags: ['tags'] });
    const after = await client.messages.create({
      model,
      max_tokens: 200,
      tools,
      messages: [
        { role: 'user', content: 'Weather in Lima?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Lima' } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny, 24C' }],
        },
      ],
    });
    expect(after.content).toEqual([{ type: 'text', text: 'Based on the tool result: sunny, 24C' }]);
  });

  it('reads cache_control blocks as cached input (cache_read_input_tokens, excluded from input_tokens)', async () => {
    const system = 'A long and stable instruction block for caching. '.repeat(20);
    const plain = await client.messages.create({
      model,
      max_tokens: 100,
      system,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const cached = await client.messages.create({
      model,
      max_tokens: 100,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(cached.usage.cache_read_input_tokens).toBeGreaterThan(200);
    expect(cached.usage.input_tokens + (cached.usage.cache_read_input_tokens ?? 0)).toBe(
      plain.usage.input_tokens,
    );
  });

  it('maps max_tokens, stop sequences and content filtering to their stop reasons', async () => {
    const short = await client.messages.create({
      model,
      max_tokens: 1,
      messages: [{ role: 'user', content: 'Describe the whole history of Rome' }],
    });
    expect(short.stop_reason).toBe('max_tokens');
    const stopped = await client.messages.create({
      model,
      max_tokens: 100,
      stop_sequences: ['about'],
      messages: [{ role: 'user', content: 'Describe Rome' }],
    });
    expect(stopped.stop_reason).toBe('stop_sequence');
    expect(stopped.stop_sequence).toBe('about');
    expect(stopped.content).toEqual([{ type: 'text', text: 'Here is a short answer ' }]);
    fake.script('anthropic', ['content-filter']);
    const refused = await client.messages.create({
      model,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(refused.stop_reason).toBe('refusal');
  });

  it('lists models on GET /v1/models when the anthropic-version header is sent', async () => {
    const page = await client.models.list();
    expect(page.data[0]?.type).toBe('model');
    expect(fake.requests('anthropic')[0]?.path).toBe('/v1/models');
    expect(fake.count('openai')).toBe(0);
  });
});

async function rawStream(body: unknown): Promise<string> {
  const res = await fetch(`${fake.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  return res.text();
}
