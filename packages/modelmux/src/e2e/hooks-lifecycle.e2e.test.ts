// Issue 24: hooks under the request's bounds, user providers and config checked, no secrets shown.
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import {
  defaultCatalogue,
  type ChatRequest,
  type ChatResult,
  ConfigError,
  InvalidRequestError,
  type Provider,
  ProviderError,
  specificationVersion,
} from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, keys, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const one = () => ({
  providers: providersFor(fake, ['openai']),
  primaryProvider: 'openai',
});
const never = <T>() => new Promise<T>(() => undefined);

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('a hook that never settles runs under the request bounds', () => {
  test('beforeRequest: the caller’s abort ends the request at once (aborted)', async () => {
    const factory = make({ ...one(), hooks: { beforeRequest: () => never() } });
    const controller = new AbortController();
    const pending = failure(() =>
      factory.getProvider().invoke('Hi', { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    const error = await pending;
    expect(ProviderError.isInstance(error) && error.kind).toBe('aborted');
    expect(fake.count()).toBe(0);
  });

  test('beforeRequest and afterResponse: generateContent returns after timeoutMs, naming the hook', async () => {
    for (const hooks of [
      { beforeRequest: () => never<ChatRequest>() },
      { afterResponse: () => never<ChatResult>() },
    ]) {
      const factory = make({ ...one(), timeoutMs: 150, hooks });
      const started = performance.now();
      const content = await factory.generateContent('Hi');
      expect(performance.now() - started).toBeLessThan(10_000); // before: never returned
      expect(content.success).toBe(false);
      expect(content.error).toMatch(
        /hooks\.(beforeRequest|afterResponse).*did not settle within 150 ms/,
      );
    }
  }, 30_000);

  test('formatRequest gets a copy per call: in-place edits never pile up nor reach the caller', async () => {
    fake.script('openai', [{ status: 500 }, 'ok']);
    const factory = make({
      ...one(),
      maxRetries: 1,
      hooks: {
        formatRequest: (request) => {
          request.messages.unshift({ role: 'system', content: 'Be brief.' });
          return request;
        },
      },
    });
    const request: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
    await factory.getProvider().invoke(request);
    const systems = fake
      .requests('openai')
      .map(
        (r) =>
          (r.body as { messages: { role: string }[] }).messages.filter((m) => m.role === 'system')
            .length,
      );
    expect(systems).toEqual([1, 1]);
    expect(request.messages).toHaveLength(1);
  });

  test('afterResponse returning undefined or 42 is an InvalidRequestError like the other hooks', async () => {
    for (const value of [undefined, 42, { text: 7 }]) {
      const factory = make({ ...one(), hooks: { afterResponse: () => value as never } });
      const error = await failure(() => factory.getProvider().invoke('Hi'));
      expect(InvalidRequestError.isInstance(error) && error.field).toBe('hooks.afterResponse');
    }
  });
});

/** A user's provider answering `answer` (whatever it is) to every call. */
function userProvider(answer: unknown): Provider {
  return {
    specificationVersion,
    name: 'mine',
    type: 'custom',
    defaultModel: 'mine-1',
    generate: () => Promise.resolve(answer as never),
    async *stream() {
      yield* [];
    },
    isAvailable: () => true,
  };
}

describe('user providers', () => {
  test("registerProvider('Bad Name!') is refused with the naming rule", () => {
    const factory = make(one());
    const error = (() => {
      try {
        factory.registerProvider('Bad Name!', { ...userProvider({}), name: 'Bad Name!' });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error) && error.issues[0]?.message).toMatch(/lowercase letters/);
  });

  test('a result outside the contract never reaches the caller; NaN or -5 is never booked as $0', async () => {
    const good = {
      text: 'ok',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      provider: 'mine',
      model: 'mine-1',
      latencyMs: 1,
    };
    for (const answer of [{}, { ...good, costUsd: Number.NaN }, { ...good, costUsd: -5 }]) {
      fake.reset();
      const factory = make({
        providers: { mine: userProvider(answer), ...providersFor(fake, ['openai']) },
        primaryProvider: 'mine',
        fallbackProviders: ['openai'],
        dailyCostLimit: 10,
        // A priced model: an unpriced one under a cost limit is refused before any call.
        catalogue: {
          'mine-1': { ...defaultCatalogue['gpt-4.1-mini'], id: 'mine-1', provider: 'custom' },
        },
      });
      const result = await factory.getProvider().invoke('Hi');
      expect(result.provider).toBe('openai');
      expect(result.attempts[0]).toMatchObject({ provider: 'mine', ok: false, kind: 'server' });
      expect(result.attempts[0]?.message).toMatch(/returned an invalid result/);
      const spent = (await factory.getUsage()).scopes.find((s) => s.period === 'daily')?.spentUsd;
      expect(spent).toBeCloseTo(result.costUsd ?? 0, 10);
    }
  });
});

describe('config and secrets', () => {
  test('rateLimits for an unknown provider and a header value with a newline fail at construction', () => {
    expect(() => make({ ...one(), rateLimits: { opneai: { rpm: 5 } } })).toThrow(
      /rateLimits\.opneai/,
    );
    const providers = providersFor(fake, ['openai']);
    expect(() =>
      make({
        primaryProvider: 'openai',
        providers: { openai: { ...providers['openai'], headers: { 'x-team': 'a\r\nX-Evil: 1' } } },
      }),
    ).toThrow(/providers\.openai\.headers\.x-team/);
  });

  test('util.inspect(factory) and JSON.stringify(factory) never show an API key', () => {
    const factory = make({ providers: providersFor(fake), primaryProvider: 'openai' });
    const shown = inspect(factory, { depth: 10 }) + JSON.stringify(factory);
    for (const key of Object.values(keys)) expect(shown).not.toContain(key);
    expect(shown).toContain('anthropic');
  });

  test('status reasons say kind, status and a fixed phrase, never the vendor’s text', async () => {
    fake.script('openai', [
      { error: 'auth', message: 'Incorrect API key; your prompt was: MY-SECRET-PROMPT' },
    ]);
    const factory = make({
      ...one(),
      providers: providersFor(fake, ['openai', 'anthropic']),
      fallbackProviders: ['anthropic'],
    });
    await factory.getProvider().invoke('MY-SECRET-PROMPT');
    const status = JSON.stringify(factory.getProviderStatus());
    expect(status).toContain('unavailable');
    expect(status).toMatch(/auth \(HTTP 401\): the provider refused the API key/);
    expect(status).not.toContain('MY-SECRET-PROMPT');
    expect(status).not.toContain('Incorrect API key');
  });

  test('a shared long-lived AbortSignal: 100 concurrent calls, no listener left, no warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const factory = make(one());
      const shared = new AbortController().signal;
      const llm = factory.getProvider();
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => llm.invoke(`Question ${i}?`, { signal: shared })),
      );
      expect(getEventListeners(shared, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
