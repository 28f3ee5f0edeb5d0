import {
  AllProvidersFailedError,
  ProviderError,
  type StreamEvent,
  StreamInterruptedError,
} from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import type { FallbackExecutorOptions } from './executor-options.js';
import { type FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';

/** Reads a whole stream: the events, and the error it ended with (if any). */
async function drain(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; text: string; error?: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, text: textOf(events) };
  } catch (error) {
    return { events, text: textOf(events), error };
  }
}

const textOf = (events: StreamEvent[]) =>
  events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');

describe('fallback executor: streams', () => {
  let executor: FallbackExecutor;
  const make = (options: FallbackExecutorOptions = {}) => {
    executor = createFallbackExecutor({ random: () => 0, breaker: false, ...options });
    return executor;
  };

  beforeEach(() => vi.useFakeTimers({ now: 3_000_000 }));
  afterEach(() => {
    executor?.dispose();
    vi.useRealTimers();
  });

  it('streams the first provider and reports success at the finish event', async () => {
    const a = scriptedProvider('a').script({ stream: ['Hel', 'lo'] });
    make();
    const successes: string[] = [];
    executor.onSuccess(({ operation, provider, usage }) =>
      successes.push(`${operation}:${provider}:${usage?.outputTokens}`),
    );
    const { events, text, error } = await drain(executor.stream([a], ask()));
    expect(error).toBeUndefined();
    expect(text).toBe('Hello');
    expect(events.at(-1)).toMatchObject({ type: 'finish', provider: 'a' });
    expect(successes).toEqual(['stream:a:2']);
  });

  it('is lazy: nothing is called until iterated', async () => {
    const a = scriptedProvider('a');
    const stream = make().stream([a], ask());
    await vi.advanceTimersByTimeAsync(10);
    expect(a.calls.length).toBe(0);
    await drain(stream);
    expect(a.calls.length).toBe(1);
  });

  it('falls back before the first event: the caller sees only the second provider', async () => {
    const a = scriptedProvider('a').script({
      stream: ['never'],
      failAfter: 0,
      failWith: 'overloaded',
    });
    const b = scriptedProvider('b').script({ stream: ['from ', 'b'] });
    make({ maxRetries: 0 });
    const { text, error, events } = await drain(executor.stream([a, b], ask()));
    expect(error).toBeUndefined();
    expect(text).toBe('from b');
    expect(events.at(-1)).toMatchObject({ type: 'finish', provider: 'b' });
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
  });

  it('retries the same provider before the first event', async () => {
    const a = scriptedProvider('a').script({ error: 'server' }, { stream: ['ok'] });
    make({ maxRetries: 1 });
    const { text } = await drain(executor.stream([a], ask()));
    expect(text).toBe('ok');
    expect(a.calls.length).toBe(2);
  });

  it('after the first event a failure ends the stream with StreamInterruptedError (partial text), never a fallback', async () => {
    const a = scriptedProvider('a').script({
      stream: ['The answer ', 'is ', '42'],
      failAfter: 2,
      failWith: 'network',
    });
    const b = scriptedProvider('b');
    make();
    const failures: string[] = [];
    executor.onFailure(({ provider, kind }) => failures.push(`${provider}:${kind}`));
    const { text, error } = await drain(executor.stream([a, b], ask()));
    expect(text).toBe('The answer is ');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    const interrupted = error as StreamInterruptedError;
    expect(interrupted.partialText).toBe('The answer is ');
    expect(interrupted.provider).toBe('a');
    expect((interrupted.cause as ProviderError).kind).toBe('network');
    expect(b.calls.length).toBe(0);
    expect(failures).toEqual(['a:network']);
  });

  it('a stream that ends without a finish event after emitting is interrupted, not silently truncated', async () => {
    const a = scriptedProvider('a');
    a.stream = () => ({
      async *[Symbol.asyncIterator]() {
        yield { type: 'text-delta' as const, text: 'half' };
      },
    });
    const { error, text } = await drain(make().stream([a], ask()));
    expect(text).toBe('half');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).partialText).toBe('half');
  });

  it('a rate limit mid-stream cools the provider down', async () => {
    const a = scriptedProvider('a').script({
      stream: ['x', 'y'],
      failAfter: 1,
      failWith: 'rate_limit',
    });
    const { error } = await drain(make({ coolDownMs: 5_000 }).stream([a], ask()));
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect(executor.status()[0]).toMatchObject({
      coolingDownUntil: new Date(Date.now() + 5_000).toISOString(),
      coolDownRemainingMs: 5_000,
    });
  });

  it('breaking out of the loop aborts the underlying request and closes its stream', async () => {
    let closed = false;
    const a = scriptedProvider('a');
    const original = a.stream.bind(a);
    a.stream = (request) => {
      const inner = original(request)[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => inner.next(),
          return: async () => {
            closed = true;
            return inner.return?.() ?? { done: true as const, value: undefined };
          },
        }),
      };
    };
    a.script({ stream: ['one', 'two', 'three'], eventDelayMs: 10 });
    make();
    const failures: string[] = [];
    executor.onFailure(({ kind, hedgeLost }) => failures.push(`${kind}:${hedgeLost}`));
    const pending = (async () => {
      for await (const event of executor.stream([a], ask())) {
        if (event.type === 'text-delta') break;
      }
    })();
    await vi.advanceTimersByTimeAsync(10);
    await pending;
    expect(a.calls[0]?.signal?.aborted).toBe(true);
    expect(closed).toBe(true);
    expect(failures).toEqual(['aborted:false']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a consumer that stops at the finish event has a complete answer: success, no abort', async () => {
    const a = scriptedProvider('a').script({ stream: ['done'] });
    make();
    const log: string[] = [];
    executor.onSuccess(() => log.push('success'));
    executor.onFailure(() => log.push('failure'));
    for await (const event of executor.stream([a], ask())) if (event.type === 'finish') break;
    expect(log).toEqual(['success']);
    expect(a.calls[0]?.signal?.aborted).toBe(false);
  });

  it('the per-attempt timeout covers the time to the first event, then falls back', async () => {
    const a = scriptedProvider('a').script({ delayMs: 5_000 });
    const b = scriptedProvider('b').script({
      stream: ['slow', ' but', ' fine'],
      eventDelayMs: 800,
    });
    make({ timeoutMs: 1_000, maxRetries: 0 });
    const pending = drain(executor.stream([a, b], ask()));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.calls[0]?.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    const { text, error } = await pending;
    expect(error).toBeUndefined();
    expect(text).toBe('slow but fine'); // 3 × 800ms between events: the timeout no longer applies
  });

  it('the deadline covers the whole stream: it interrupts a stream that outlives it', async () => {
    const a = scriptedProvider('a').script({ stream: ['a', 'b', 'c'], hangAfter: 2 });
    make({ deadlineMs: 2_000 });
    const pending = drain(executor.stream([a], ask()));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(a.calls[0]?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { text, error } = await pending;
    expect(text).toBe('ab');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).cause).toMatchObject({ kind: 'timeout' });
    expect(a.calls[0]?.signal?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a deadline before the first event fails with AllProvidersFailedError', async () => {
    const a = scriptedProvider('a').script('hang');
    make({ deadlineMs: 500 });
    const pending = drain(executor.stream([a], ask()));
    await vi.advanceTimersByTimeAsync(500);
    expect(AllProvidersFailedError.isInstance((await pending).error)).toBe(true);
  });

  it('a caller abort mid-stream interrupts it at once, even if the provider ignores its signal', async () => {
    const a = scriptedProvider('a');
    a.stream = () => ({
      async *[Symbol.asyncIterator]() {
        yield { type: 'text-delta' as const, text: 'first' };
        await new Promise(() => undefined);
      },
    });
    const controller = new AbortController();
    const pending = drain(make().stream([a], ask('x', { signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error, text } = await pending;
    expect(text).toBe('first');
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as StreamInterruptedError).cause).toMatchObject({ kind: 'aborted' });
  });

  it('a stream whose first event is a content-filter finish falls back', async () => {
    const a = scriptedProvider('a').script({ stream: [], finishReason: 'content-filter' });
    const b = scriptedProvider('b').script({ stream: ['clean'] });
    const { text, events } = await drain(make().stream([a, b], ask()));
    expect(text).toBe('clean');
    expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
  });

  it('hedging: the first provider to produce an event wins; the other is aborted', async () => {
    const slow = scriptedProvider('slow').script({ delayMs: 2_000, then: { stream: ['slow'] } });
    const fast = scriptedProvider('fast').script({ delayMs: 100, then: { stream: ['fast'] } });
    make({ hedge: { delayMs: 300 } });
    const pending = drain(executor.stream([slow, fast], ask()));
    await vi.advanceTimersByTimeAsync(400);
    const { text } = await pending;
    expect(text).toBe('fast');
    expect(slow.calls[0]?.signal?.aborted).toBe(true);
  });

  it('bad_request before the first event is thrown as is', async () => {
    const a = scriptedProvider('a').script({ error: 'bad_request' });
    const b = scriptedProvider('b');
    const { error } = await drain(make().stream([a, b], ask()));
    expect((error as ProviderError).kind).toBe('bad_request');
    expect(b.calls.length).toBe(0);
  });

  it('fallbackResponse is streamed as events when every provider fails before the first event', async () => {
    const a = scriptedProvider('a').script({ error: 'auth' });
    make({
      fallbackResponse: {
        text: 'canned',
        toolCalls: [],
        finishReason: 'other',
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        provider: 'fallback',
        model: 'none',
        latencyMs: 0,
        costUsd: 0,
      },
    });
    const { events } = await drain(executor.stream([a], ask()));
    expect(events).toEqual([
      { type: 'text-delta', text: 'canned' },
      {
        type: 'finish',
        finishReason: 'other',
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        provider: 'fallback',
        model: 'none',
        costUsd: 0,
      },
    ]);
  });
});
