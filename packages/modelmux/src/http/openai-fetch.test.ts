// The real `openai` SDK, unchanged, on `factory.openaiFetch()`: every call is served in process
// by the handler and routed by the factory to the fake vendors. What reached a vendor is read at
// the fake.
import { defaultOpenAIModel } from '@modelmux/openai';
import { embedText } from '@modelmux/testing';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';
import type { ProviderFactory } from '../provider-factory.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

function clientOf(factory: ProviderFactory): OpenAI {
  return new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://modelmux/v1',
    fetch: factory.openaiFetch(),
    maxRetries: 0,
  });
}

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

describe('openaiFetch(): chat.completions.create', () => {
  test('a plain call is routed to the provider named by the model id', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    const client = clientOf(factory);
    const { data, response } = await client.chat.completions
      .create({ model: 'anthropic', messages: [{ role: 'user', content: 'What is RAG?' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toMatch(/\w/);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-modelmux-provider')).toBe('anthropic');
    expect(response.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(Number(response.headers.get('x-modelmux-attempts'))).toBe(1);
    expect(Number(response.headers.get('x-modelmux-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(fake.count('anthropic')).toBe(1);
    expect(fake.count('openai')).toBe(0);
  });

  test('provider/model sends that model; sampling fields reach the vendor', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const data = await clientOf(factory).chat.completions.create({
      model: 'openai/gpt-4o',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.2,
      max_completion_tokens: 50,
      stop: ['END'],
      seed: 7,
    });
    expect(data.model).toBe('gpt-4o');
    const sent = fake.requests('openai')[0]?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ model: 'gpt-4o', temperature: 0.2, stop: ['END'], seed: 7 });
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  test('stream with include_usage: OpenAI chunks, the usage chunk, then [DONE]', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const client = clientOf(factory);
    const expected = await client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'Tell me about retrieval augmented generation' }],
    });
    const stream = await client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'Tell me about retrieval augmented generation' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe(expected.choices[0]?.message.content);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(expected.usage);
    expect(last?.model).toBe(defaultOpenAIModel);
    expect(fake.requests('openai')[1]?.body).toMatchObject({ stream: true });
  });

  test('tools: the model calls a tool, the result goes back, the model answers (round trip)', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const client = clientOf(factory);
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Use get_weather for "Paris"' },
    ];
    const first = await client.chat.completions.create({
      model: 'openai',
      messages,
      tools: [weather],
    });
    const answer = first.choices[0]?.message;
    const call = answer?.tool_calls?.[0];
    if (!answer || !call) throw new Error('expected a tool call');
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}')).toEqual({
      city: 'Paris',
    });
    messages.push(answer, {
      role: 'tool',
      tool_call_id: call.id,
      content: 'Sunny, 21 °C',
    });
    const second = await client.chat.completions.create({
      model: 'openai',
      messages,
      tools: [weather],
    });
    expect(second.choices[0]?.message.content).toContain('Sunny, 21 °C');
    const sent = fake.requests('openai')[1]?.body as { messages: Record<string, unknown>[] };
    expect(sent.messages[1]).toMatchObject({ role: 'assistant', tool_calls: [{ id: call.id }] });
    expect(sent.messages[2]).toMatchObject({ role: 'tool', tool_call_id: call.id });
  });

  test('tools streamed: tool-call deltas assemble into the call (finalChatCompletion)', async () => {
    const factory = make({ providers: providersFor(fake, ['anthropic']) });
    const runner = clientOf(factory).chat.completions.stream({
      model: 'anthropic',
      messages: [{ role: 'user', content: 'Use get_weather for "Oslo"' }],
      tools: [weather],
      tool_choice: 'required',
    });
    const done = await runner.finalChatCompletion();
    const call = done.choices[0]?.message.tool_calls?.[0];
    expect(done.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Oslo',
    });
  });

  test('structured output: response_format json_schema, and chat.completions.parse with zod', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    const client = clientOf(factory);
    const schema = z.object({ city: z.string(), population: z.number() });
    const parsed = await client.chat.completions.parse({
      model: 'anthropic',
      messages: [{ role: 'user', content: 'The largest city of Norway?' }],
      response_format: zodResponseFormat(schema, 'city'),
    });
    const object = parsed.choices[0]?.message.parsed;
    expect(schema.safeParse(object).success).toBe(true);

    const raw = await client.chat.completions.create({
      model: 'openai',
      messages: [{ role: 'user', content: 'A colour' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'colour',
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
    });
    expect(typeof JSON.parse(raw.choices[0]?.message.content ?? '').name).toBe('string');
    expect(fake.requests('openai')[0]?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'colour' } },
    });
  });

  test('n > 1 is refused with BadRequestError naming the field; nothing is sent', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const error = await clientOf(factory)
      .chat.completions.create({ model: 'auto', n: 2, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('n');
    expect((error as Error).message).toContain('"n"');
    expect(fake.count()).toBe(0);
  });

  test('a malformed message is a 400 naming messages.N', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const error = await clientOf(factory)
      .chat.completions.create({
        model: 'auto',
        messages: [{ role: 'user', content: 'Hi' }, { role: 'wizard' } as never],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages.1.role');
  });

  test('an unknown model is a 404 NotFoundError listing the choices', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const error = await clientOf(factory)
      .chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toContain("'provider/model'");
  });

  test('all providers failed: 502 APIError naming each attempt', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'groq']), maxRetries: 0 });
    fake.script('openai', [{ status: 500 }]);
    fake.script('groq', [{ status: 500 }]);
    const error = await clientOf(factory)
      .chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as Error).message).toMatch(/All 2 attempt\(s\) failed/);
    expect((error as Error).message).toMatch(/openai\/\S+: server \(500\)/);
    expect((error as Error).message).toMatch(/groq\/\S+: server \(500\)/);
    expect(fake.count()).toBe(2);
  });

  test('a per-user budget refusal (x-modelmux-user / body user) is a 429 RateLimitError with retry-after', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']), costLimitPerUser: 0.00002 });
    const client = clientOf(factory);
    const ask = (user: string, viaHeader: boolean) =>
      client.chat.completions.create(
        {
          model: 'auto',
          messages: [{ role: 'user', content: 'Hi' }],
          max_tokens: 10,
          ...(!viaHeader && { user }),
        },
        viaHeader ? { headers: { 'x-modelmux-user': user } } : {},
      );
    let refused: unknown;
    for (let i = 0; i < 20 && refused === undefined; i++)
      await ask('alice', i % 2 === 0).catch((e: unknown) => (refused = e));
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.message).toContain('user "alice"');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    const calls = fake.count('openai');
    await expect(ask('bob', true)).resolves.toMatchObject({ object: 'chat.completion' });
    expect(fake.count('openai')).toBe(calls + 1);
  });

  test('an abort mid-stream closes the upstream request early', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    fake.script('openai', [{ streamEventDelayMs: 40 }]);
    const stream = await clientOf(factory).chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: 'Tell me a long story about retrieval' }],
      stream: true,
    });
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += chunk.choices.length;
      if (chunks === 2) stream.controller.abort();
    }
    expect(chunks).toBe(2);
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true));
  });
});

describe('openaiFetch(): embeddings and models', () => {
  test('embeddings: string and array input, dimensions, float and base64 (the SDK default)', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const client = clientOf(factory);
    const one = await client.embeddings.create({
      model: 'openai/text-embedding-3-small',
      input: 'hello world',
      dimensions: 8,
    });
    expect(one.data[0]?.embedding).toHaveLength(8);
    expect(one.data[0]?.embedding[0]).toBeCloseTo(embedText('hello world', 8)[0] as number, 6);
    const many = await client.embeddings.create({
      model: 'auto',
      input: ['a cat', 'a dog'],
      encoding_format: 'float',
    });
    expect(many.data.map((d) => d.index)).toEqual([0, 1]);
    expect(many.data[1]?.embedding).toEqual(embedText('a dog', 1536));
    expect(many.usage.prompt_tokens).toBeGreaterThan(0);
    expect(fake.requests('openai')[0]?.body).toMatchObject({
      dimensions: 8,
      model: 'text-embedding-3-small',
    });
  });

  test('models: auto, the strategies, the providers and provider/model', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    const ids = [];
    for await (const model of clientOf(factory).models.list()) ids.push(model.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'auto',
        'cost',
        'quality',
        'openai',
        'anthropic',
        'openai/gpt-4o-mini',
      ]),
    );
    expect(ids.some((id) => id.startsWith('anthropic/claude'))).toBe(true);
    expect(ids.some((id) => id.startsWith('google'))).toBe(false);
  });
});
