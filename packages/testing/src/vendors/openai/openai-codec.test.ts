import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cosine, personSchema, weatherParameters } from '../../__fixtures__/weather.js';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeProviders } from '../../types.js';

let fake: FakeProviders;
let client: OpenAI;
const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: 'Get the weather forecast for a city',
      parameters: weatherParameters,
    },
  },
];

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new OpenAI({
    apiKey: 'sk-test-secret-123456',
    baseURL: fake.baseURL.openai,
    maxRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('openai chat completions', () => {
  it('answers a plain chat with a chat.completion object, echoing the model and counting usage', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'The Eiffel Tower is in Paris. Bananas are yellow.' },
        { role: 'user', content: 'Where is the Eiffel Tower?' },
      ],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.id).toMatch(/^chatcmpl-/);
    expect(res.choices[0]?.message.content).toBe('The Eiffel Tower is in Paris.');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.prompt_tokens).toBeGreaterThan(10);
    expect(res.usage?.total_tokens).toBe(
      (res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0),
    );
    expect(res.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(res.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
  });

  it('gives the same answer to the same request and more input tokens to a longer one', async () => {
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
    const [a, b, c] = await Promise.all([
      ask('Explain quantum tunnelling'),
      ask('Explain quantum tunnelling'),
      ask('Explain quantum tunnelling '.repeat(20)),
    ]);
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    expect(a.choices[0]?.message.content).toContain('quantum');
    expect(c.usage?.prompt_tokens).toBeGreaterThan(a.usage?.prompt_tokens ?? Infinity);
  });

  it('streams chunks that the SDK assembles, with a final usage chunk when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'user', content: 'Cats purr when they are content. Dogs bark. Why do cats purr?' },
      ],
    });
    let text = '';
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('Cats purr when they are content.');
    expect(chunks.length).toBeGreaterThan(3);
    expect(
      chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id),
    ).toBe(true);
    const last = chunks[chunks.length - 1];
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe('stop');
  });

  it('omits the usage chunk when include_usage is not set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'hello there' }],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks[chunks.length - 1]?.choices[0]?.finish_reason).toBe('stop');
  });

  it('calls a tool the user asks for, with arguments that satisfy its schema and come from the prompt', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [
        {
          role: 'user',
          content: 'What will the weather be in Lisbon for the next 3 days, in fahrenheit?',
        },
      ],
    });
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(res.choices[0]?.message.content).toBeNull();
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.id).toMatch(/^call_/);
    expect(JSON.parse(call.function.arguments)).toEqual({
      city: 'Lisbon',
      days: 3,
      unit: 'fahrenheit',
    });
  });

  it('does not call a tool the user does not ask for, nor with tool_choice none', async () => {
    const plain = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [{ role: 'user', content: 'Tell me a joke about penguins' }],
    });
    expect(plain.choices[0]?.message.tool_calls).toBeUndefined();
    const none = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      tool_choice: 'none',
      messages: [{ role: 'user', content: 'Weather in Rome?' }],
    });
    expect(none.choices[0]?.finish_reason).toBe('stop');
  });

  it('calls the named tool when tool_choice names it, and answers with the tool result afterwards', async () => {
    const forced = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const call = forced.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    const after = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temp":-3}' },
      ],
    });
    expect(after.choices[0]?.message.content).toContain('{"temp":-3}');
    expect(after.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams tool calls as index-keyed deltas: id and name first, then argument fragments', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      tools,
      tool_choice: 'required',
      messages: [{ role: 'user', content: 'Forecast for "New York" over 2 days in celsius' }],
    });
    const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    for await (const chunk of stream) deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(deltas[0]?.id).toMatch(/^call_/);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.slice(1).every((d) => d.id === undefined && d.index === 0)).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({
      city: 'New York',
      days: 2,
      unit: 'celsius',
    });
  });

  it('answers JSON that satisfies a json_schema response_format, and JSON for json_object', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', schema: personSchema, strict: true },
      },
      messages: [{ role: 'user', content: 'Invent a person called "Grace", aged 85' }],
    });
    expect(JSON.parse(res.choices[0]?.message.content ?? '')).toEqual({
      name: 'Grace',
      age: 85,
      tags: ['tags'],
    });
    const loose = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Give JSON about owls' }],
    });
    expect(JSON.parse(loose.choices[0]?.message.content ?? '')).toHaveProperty('answer');
  });

  it('reports cached tokens when the request carries a prompt_cache_key or the script says so', async () => {
    const cached = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      prompt_cache_key: 'k1',
      messages: [
        {
          role: 'system',
          content: 'A long system prompt that is the same on every request. '.repeat(10),
        },
        { role: 'user', content: 'hello' },
      ],
    });
    expect(cached.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(100);
    fake.script('openai', [
      { reply: { text: 'hi', usage: { inputTokens: 50, outputTokens: 2, cachedInputTokens: 40 } } },
    ]);
    const scripted = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(scripted.choices[0]?.message.content).toBe('hi');
    expect(scripted.usage).toMatchObject({
      prompt_tokens: 50,
      completion_tokens: 2,
      total_tokens: 52,
      prompt_tokens_details: { cached_tokens: 40 },
    });
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_completion_tokens: 2,
      messages: [{ role: 'user', content: 'Describe the history of the Roman empire' }],
    });
    expect(res.choices[0]?.finish_reason).toBe('length');
    expect(res.choices[0]?.message.content?.length).toBeLessThanOrEqual(8);
  });

  it('ends with content_filter for a content-filter step', async () => {
    fake.script('openai', ['content-filter']);
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(res.choices[0]?.finish_reason).toBe('content_filter');
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });
});

describe('openai embeddings', () => {
  it('returns base64 float32 when the SDK asks for it by default, which the SDK decodes to stable vectors', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['the cat sat on the mat', 'the cat sat on a mat', 'quarterly tax filing deadline'],
    });
    const body = fake.requests('openai')[0]?.body as { encoding_format?: string };
    expect(body.encoding_format).toBe('base64');
    expect(res.data).toHaveLength(3);
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(1536);
    expect(cosine(a as number[], a as number[])).toBeCloseTo(1, 5);
    expect(cosine(a as number[], b as number[])).toBeGreaterThan(
      cosine(a as number[], c as number[]),
    );
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('honours dimensions and a float encoding_format', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'hello world',
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(res.data[0]?.embedding).toHaveLength(64);
    const again = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'hello world',
      dimensions: 64,
    });
    const decoded = again.data[0]?.embedding ?? [];
    (res.data[0]?.embedding ?? []).forEach((v, i) => expect(decoded[i]).toBeCloseTo(v, 6));
  });
});
