import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sdkCalls, type SdkCalls } from '../__fixtures__/sdk-calls.js';
import { fakeProviderNames, type FakeProviderName, type FakeProviders } from '../types.js';
import { startFakeProviders } from './start-fake-providers.js';

let fake: FakeProviders;
let sdk: Record<FakeProviderName, SdkCalls>;

beforeAll(async () => {
  fake = await startFakeProviders();
  sdk = sdkCalls(fake);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => {
  vi.useRealTimers();
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

async function untilCount(provider: FakeProviderName, n: number): Promise<void> {
  await vi.waitFor(() => expect(fake.count(provider)).toBe(n), { timeout: 2000, interval: 5 });
}

describe.each(fakeProviderNames)('%s through its SDK', (provider) => {
  it('answers after a script is used up', async () => {
    fake.script(provider, [{ status: 500 }]);
    await failure(sdk[provider].chat());
    expect(await sdk[provider].chat()).toContain('volcanoes');
    expect(fake.count(provider)).toBe(2);
  });

  it('hangs until the client aborts; the hung request is counted and the server keeps serving', async () => {
    fake.script(provider, ['hang']);
    const controller = new AbortController();
    const pending = failure(sdk[provider].chat({ signal: controller.signal }));
    await untilCount(provider, 1);
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(sdk[provider].errors.abort);
    expect(await sdk[provider].chat()).toContain('volcanoes');
  });

  it('hangs until the client times out', async () => {
    fake.script(provider, ['hang']);
    const err = await failure(sdk[provider].chat({ timeoutMs: 150 }));
    expect(err).toBeInstanceOf(sdk[provider].errors.timeout);
  });

  it('resets the connection: the SDK sees a connection error', async () => {
    fake.script(provider, ['reset']);
    const err = await failure(sdk[provider].chat());
    expect(err).toBeInstanceOf(sdk[provider].errors.connection);
    expect(fake.count(provider)).toBe(1);
  });

  it('sends a malformed JSON body that the SDK cannot parse', async () => {
    fake.script(provider, ['malformed']);
    const err = await failure(sdk[provider].chat());
    expect(err.name === 'SyntaxError' || /JSON/i.test(err.message)).toBe(true);
  });

  it('sends a malformed stream event that the SDK cannot parse', async () => {
    fake.script(provider, ['malformed']);
    const err = await failure(sdk[provider].stream(() => undefined));
    expect(err.name === 'SyntaxError' || /JSON/i.test(err.message)).toBe(true);
  });

  it('cuts a stream after N events: the SDK yields what came, then fails', async () => {
    // Five events hold text for every vendor (Anthropic's first three are message_start, content_block_start and ping).
    fake.script(provider, [{ streamCutAfter: 5 }]);
    const texts: string[] = [];
    const err = await failure(sdk[provider].stream((t) => texts.push(t)));
    expect(err).toBeInstanceOf(Error);
    expect(texts.join('').length).toBeGreaterThan(0);
    await sdk[provider].stream(() => undefined);
  });

  it('streams events streamEventDelayMs apart; a non-stream request answers at once', async () => {
    fake.script(provider, [{ streamEventDelayMs: 40, reply: { text: 'one two three four' } }]);
    const arrivals: number[] = [];
    const texts: string[] = [];
    const started = performance.now();
    await sdk[provider].stream((t) => {
      texts.push(t);
      arrivals.push(performance.now() - started);
    });
    expect(texts.join('')).toBe('one two three four');
    // Each event waits 40 ms after the one before it, so the last text cannot arrive before the
    // server has waited at least once (measured from the start: a gap between two arrivals
    // shrinks when a loaded client reads the first one late).
    expect(arrivals.at(-1) ?? 0).toBeGreaterThanOrEqual(35);
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    // Applied to a non-stream answer, a 10-minute gap would outlast the test's timeout.
    fake.script(provider, [{ streamEventDelayMs: 600_000 }]);
    expect(await sdk[provider].chat()).toContain('volcanoes');
  });

  it('delays an answer by delayMs on real timers', async () => {
    fake.script(provider, [{ delayMs: 80, then: { reply: { text: 'late' } } }]);
    const started = performance.now();
    expect(await sdk[provider].chat()).toBe('late');
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });
});

describe('timers', () => {
  it('is not frozen by fake timers in the test: the server waits on the real timers captured at load', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    fake.script('openai', [{ delayMs: 30 }]);
    const res = await fetch(`${fake.baseURL.openai}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
  });

  it('follows fake timers with useGlobalTimers: true', async () => {
    const ruled = await startFakeProviders({ useGlobalTimers: true });
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      ruled.script('anthropic', [{ delayMs: 60_000, then: { status: 529 } }]);
      let status = 0;
      const pending = fetch(`${ruled.url}/v1/messages`, { method: 'POST', body: '{}' }).then(
        (r) => (status = r.status),
      );
      await vi.waitFor(() => expect(ruled.count('anthropic')).toBe(1), {
        timeout: 2000,
        interval: 5,
      });
      await vi.advanceTimersByTimeAsync(59_000);
      expect(status).toBe(0);
      await vi.advanceTimersByTimeAsync(1_000);
      await pending;
      expect(status).toBe(529);
    } finally {
      vi.useRealTimers();
      await ruled.close();
    }
  });
});

describe('SDK error classes on a shared server', () => {
  it('OpenAI and Anthropic SDKs expose the scripted status and retry-after', async () => {
    fake.script('openai', [{ status: 429, retryAfter: 2 }]);
    fake.script('anthropic', [{ status: 429, retryAfter: 4 }]);
    const o = await failure(sdk.openai.chat());
    const a = await failure(sdk.anthropic.chat());
    expect(o).toBeInstanceOf(OpenAI.RateLimitError);
    expect((o as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('2');
    expect(a).toBeInstanceOf(Anthropic.RateLimitError);
    expect((a as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe(
      '4',
    );
  });
});
