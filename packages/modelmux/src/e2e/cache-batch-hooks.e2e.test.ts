// The response cache, batch and hooks, end to end on the fakes.
import { memoryStore } from '@modelmux/budgets';
import { InvalidRequestError } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import {
  type FakeProviders,
  manualClock,
  providersFor,
  useFakeFactories,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const one = () => ({
  providers: providersFor(fake, ['openai', 'google']),
  primaryProvider: 'openai',
});

describe('response cache', () => {
  test('off by default: the same request is sent twice', async () => {
    const factory = make(one());
    await factory.getProvider().invoke('What is RAG?');
    const second = await factory.getProvider().invoke('What is RAG?');
    expect(second.cached).toBe(false);
    expect(fake.count('openai')).toBe(2);
  });

  test('a hit returns cached: true, costs 0, sends nothing and is not charged to the budget', async () => {
    const factory = make({ ...one(), cache: true, dailyCostLimit: 10 });
    const first = await factory.getProvider().invoke('What is RAG?');
    const spent = (await factory.getUsage()).scopes.find((s) => s.period === 'daily')?.spentUsd;
    const hit = await factory.getProvider().invoke('What is RAG?');
    expect(hit).toMatchObject({ cached: true, costUsd: 0, text: first.text, provider: 'openai' });
    expect(hit.requestId).not.toBe(first.requestId);
    expect(hit.attempts).toEqual([]);
    expect(fake.count('openai')).toBe(1);
    expect((await factory.getUsage()).scopes.find((s) => s.period === 'daily')?.spentUsd).toBe(
      spent,
    );
    // generateContent says so too.
    const content = await factory.generateContent('What is RAG?');
    expect(content.metadata).toMatchObject({ cached: true, costUsd: 0 });
    expect(fake.count('openai')).toBe(1);
  });

  test('exact match on the normalised request: other parameters, tools or a pinned provider miss', async () => {
    const factory = make({ ...one(), cache: true });
    const llm = factory.getProvider();
    await llm.invoke('What is RAG?');
    await llm.invoke([{ role: 'user', content: 'What is RAG?' }]); // the same request, as messages
    expect(fake.count()).toBe(1);
    await llm.invoke('What is RAG?', { maxTokens: 50 });
    await llm.invoke('What is RAG? ');
    await factory.getProvider('google').invoke('What is RAG?');
    expect(fake.count()).toBe(4);
    // Metadata is part of the key (hooks may turn it into what is sent).
    await llm.invoke('What is RAG?', { metadata: { userId: 'u1' } });
    expect(fake.count()).toBe(5);
    await llm.invoke('What is RAG?', { metadata: { userId: 'u1' } });
    expect(fake.count()).toBe(5);
  });

  test('skipped for temperature > 0 unless anyTemperature is set', async () => {
    const factory = make({ ...one(), cache: true });
    await factory.getProvider().invoke('Write a poem', { temperature: 0.9 });
    const again = await factory.getProvider().invoke('Write a poem', { temperature: 0.9 });
    expect(again.cached).toBe(false);
    expect(fake.count()).toBe(2);

    fake.reset();
    const any = make({ ...one(), cache: { anyTemperature: true } });
    await any.getProvider().invoke('Write a poem', { temperature: 0.9 });
    expect((await any.getProvider().invoke('Write a poem', { temperature: 0.9 })).cached).toBe(
      true,
    );
    expect(fake.count()).toBe(1);
  });

  test('ttlMs expires entries (injected clock) and maxEntries bounds memory (least recently used goes)', async () => {
    const clock = manualClock();
    const factory = make({ ...one(), cache: { ttlMs: 60_000, maxEntries: 2 } }, { now: clock.now });
    const llm = factory.getProvider();
    await llm.invoke('a');
    clock.advance(59_000);
    expect((await llm.invoke('a')).cached).toBe(true);
    clock.advance(2_000);
    expect((await llm.invoke('a')).cached).toBe(false);
    expect(fake.count()).toBe(2);

    await llm.invoke('b');
    await llm.invoke('c'); // evicts 'a'
    expect((await llm.invoke('c')).cached).toBe(true);
    expect((await llm.invoke('a')).cached).toBe(false);
  });

  test('shared: answers go through the store, so a second factory on the same store hits', async () => {
    const store = memoryStore();
    const a = make({ ...one(), cache: { shared: true } }, { store });
    const b = make({ ...one(), cache: { shared: true } }, { store });
    const first = await a.getProvider().invoke('What is RAG?');
    const hit = await b.getProvider().invoke('What is RAG?');
    expect(hit).toMatchObject({ cached: true, text: first.text, costUsd: 0 });
    expect(hit.raw).toBeUndefined();
    expect(fake.count()).toBe(1);
    await store.close();
  });
});

describe('batch', () => {
  test('input order, one failing item does not sink the batch, never more than concurrency in flight', async () => {
    const factory = make({ ...one(), maxRetries: 0, enableFallback: false });
    fake.rules('openai', { latencyMs: [20, 60], seed: 3 });
    let inFlight = 0;
    let maxInFlight = 0;
    factory.on('attempt', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
    });
    factory.on('success', () => inFlight--);
    factory.on('failure', () => inFlight--);
    const progress: number[] = [];
    const inputs = ['one', 'two', [] as never, 'four', 'five', 'six', 'seven'];
    const items = await factory.batch(inputs, {
      concurrency: 2,
      onProgress: ({ done }) => progress.push(done),
    });

    expect(items).toHaveLength(7);
    expect(items[2]).toMatchObject({ ok: false });
    expect(InvalidRequestError.isInstance((items[2] as { error: unknown }).error)).toBe(true);
    items.forEach((item, i) => {
      if (i === 2) return;
      expect(item.ok).toBe(true);
      if (item.ok) expect(item.result.text.toLowerCase()).toContain(String(inputs[i]));
    });
    expect(maxInFlight).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fake.count('openai')).toBe(6);
  });

  test('a provider failure is an item error too; a bad concurrency is refused', async () => {
    const factory = make({ ...one(), maxRetries: 0, enableFallback: false });
    fake.script('openai', ['ok', { status: 400 }, 'ok']);
    const items = await factory.batch(['a', 'b', 'c'], { concurrency: 1 });
    expect(items.map((i) => i.ok)).toEqual([true, false, true]);
    await expect(factory.batch(['a'], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});

describe('hooks', () => {
  test('defaults: control characters are stripped before sending; over the size limit nothing is sent', async () => {
    const factory = make({ ...one(), hooks: { maxInputChars: 100 } });
    await factory.getProvider().invoke('Hello\u0000 wor\u0007ld\n\tok');
    const sent = fake.requests('openai')[0]?.body as { messages: { content: string }[] };
    expect(sent.messages[0]?.content).toBe('Hello world\n\tok');

    const error = await factory
      .getProvider()
      .invoke('x'.repeat(101))
      .catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('hooks.maxInputChars');
    expect(fake.count()).toBe(1);
  });

  test('stripControlCharacters: false sends the text as it is', async () => {
    const factory = make({ ...one(), hooks: { stripControlCharacters: false } });
    await factory.getProvider().invoke('a\u0007b');
    const sent = fake.requests('openai')[0]?.body as { messages: { content: string }[] };
    expect(sent.messages[0]?.content).toBe('a\u0007b');
  });

  test('beforeRequest formats the prompt for the pinned provider; afterResponse filters the output', async () => {
    const contexts: unknown[] = [];
    const factory = make({
      ...one(),
      hooks: {
        beforeRequest: (request, context) => {
          contexts.push(context);
          if (context.provider !== 'google') return request;
          return {
            ...request,
            messages: [{ role: 'system', content: 'Answer briefly.' }, ...request.messages],
          };
        },
        afterResponse: (result) => ({ ...result, text: result.text.replace(/rag/gi, '[RAG]') }),
      },
    });
    const viaGoogle = await factory.getProvider('google').invoke('What is RAG?');
    const googleBody = fake.requests('google')[0]?.body as { systemInstruction?: unknown };
    expect(JSON.stringify(googleBody.systemInstruction)).toContain('Answer briefly.');
    expect(viaGoogle.text).toContain('[RAG]');

    await factory.getProvider().invoke('What is RAG?');
    const openaiBody = fake.requests('openai')[0]?.body as { messages: { role: string }[] };
    expect(openaiBody.messages.map((m) => m.role)).toEqual(['user']);
    expect(contexts).toEqual([
      { requestId: viaGoogle.requestId, operation: 'generate', provider: 'google' },
      { requestId: expect.any(String), operation: 'generate', provider: undefined },
    ]);
  });

  test('formatRequest formats each call for the provider actually called, fallbacks included', async () => {
    const contexts: unknown[] = [];
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
      hooks: {
        // The design's "Provider-Specific Prompts": Claude gets the Human/Assistant frame.
        formatRequest: (request, context) => {
          contexts.push(context);
          if (context.type !== 'anthropic') return request;
          return {
            ...request,
            messages: request.messages.map((m) =>
              m.role === 'user' && typeof m.content === 'string'
                ? { ...m, content: `\n\nHuman: ${m.content}\n\nAssistant:` }
                : m,
            ),
          };
        },
      },
    });
    fake.script('openai', [{ status: 503 }]);
    const result = await factory.getProvider().invoke('What is RAG?');
    expect(result.provider).toBe('anthropic');
    const openaiBody = fake.requests('openai')[0]?.body as { messages: { content: string }[] };
    expect(openaiBody.messages[0]?.content).toBe('What is RAG?');
    const anthropicBody = fake.requests('anthropic')[0]?.body as {
      messages: { content: unknown }[];
    };
    expect(JSON.stringify(anthropicBody.messages[0]?.content)).toContain(
      'Human: What is RAG?\\n\\nAssistant:',
    );
    expect(contexts).toEqual([
      {
        requestId: result.requestId,
        provider: 'openai',
        type: 'openai',
        model: expect.any(String),
      },
      {
        requestId: result.requestId,
        provider: 'anthropic',
        type: 'anthropic',
        model: result.model,
      },
    ]);
  });

  test('a hook that returns something else is an InvalidRequestError naming the hook', async () => {
    const factory = make({ ...one(), hooks: { beforeRequest: () => undefined as never } });
    await expect(factory.getProvider().invoke('Hi')).rejects.toThrow(/hooks\.beforeRequest/);
    expect(fake.count()).toBe(0);
  });
});
