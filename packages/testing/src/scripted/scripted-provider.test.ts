import { ProviderError, collectStream } from '@modelmux/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outcome } from '../stream-helpers.js';
import { ask, scriptedProvider } from './scripted-provider.js';

afterEach(() => vi.useRealTimers());

describe('scriptedProvider', () => {
  it('answers one step per call, then the default step, and records each call', async () => {
    const a = scriptedProvider('a', { type: 'custom' }).script(
      { text: 'first', finishReason: 'length' },
      { error: 'rate_limit', status: 429, retryAfterMs: 2_000 },
    );
    expect(a.type).toBe('custom');
    expect(await a.generate(ask('one'))).toMatchObject({
      text: 'first',
      finishReason: 'length',
      provider: 'a',
      model: 'a-model',
    });
    const failed = await outcome(a.generate(ask('two', { model: 'a-large' })));
    expect(ProviderError.isInstance(failed.error)).toBe(true);
    expect(failed.error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2_000,
      model: 'a-large',
    });
    expect((await a.generate(ask('three'))).text).toBe('answer from a');
    expect(a.calls.map((c) => c.model)).toEqual([undefined, 'a-large', undefined]);
  });

  it('waits delayMs on the timers in use, and a hang rejects as aborted on the signal', async () => {
    vi.useFakeTimers();
    const a = scriptedProvider('a').script({ delayMs: 1_000, then: { text: 'late' } }, 'hang');
    let settled = false;
    const late = a.generate(ask()).then((r) => ((settled = true), r.text));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await late).toBe('late');
    const controller = new AbortController();
    const hung = outcome(a.generate(ask('x', { signal: controller.signal })));
    controller.abort();
    expect((await hung).error).toMatchObject({ kind: 'aborted' });
    expect(a.abortedCount()).toBe(1);
  });

  it('streams deltas and fails part-way when told to', async () => {
    const a = scriptedProvider('a').script(
      { stream: ['Hel', 'lo'] },
      { stream: ['a', 'b', 'c'], failAfter: 2, failWith: 'server' },
    );
    const whole = await collectStream(a.stream(ask()));
    expect(whole).toMatchObject({ text: 'Hello', finishReason: 'stop', provider: 'a' });
    const seen: string[] = [];
    const broken = await outcome(
      (async () => {
        for await (const event of a.stream(ask()))
          if (event.type === 'text-delta') seen.push(event.text);
      })(),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(broken.error).toMatchObject({ kind: 'server' });
  });

  it('has embed unless embeds: false', async () => {
    expect((await scriptedProvider('a').embed?.({ input: ['x', 'yz'] }))?.embeddings).toHaveLength(
      2,
    );
    expect(scriptedProvider('b', { embeds: false }).embed).toBeUndefined();
    expect(scriptedProvider('b', { embeds: false }).defaultEmbeddingModel).toBeUndefined();
  });
});
