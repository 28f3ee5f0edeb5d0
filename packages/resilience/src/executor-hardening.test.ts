import {
  AllProvidersFailedError,
  ConfigError,
  InvalidRequestError,
  ProviderError,
} from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, outcome, scriptedProvider } from '@modelmux/testing';
import { circuitBreaker } from './circuit-breaker.js';
import type { FallbackExecutorOptions } from './executor-options.js';
import { type FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';
import { retry } from './retry.js';
import { deadline, timeout } from './timeout.js';

function configErrorPath(make: () => unknown): string | undefined {
  try {
    make();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.issues[0]?.path;
    throw error;
  }
  return undefined;
}

describe('executor hardening (issue 8)', () => {
  let executor: FallbackExecutor | undefined;
  const make = (options: FallbackExecutorOptions = {}) =>
    (executor = createFallbackExecutor({ random: () => 0, breaker: false, ...options }));
  const current = (): FallbackExecutor => {
    if (!executor) throw new Error('make() first');
    return executor;
  };

  beforeEach(() => vi.useFakeTimers({ now: 3_000_000 }));
  afterEach(() => {
    executor?.dispose();
    executor = undefined;
    vi.useRealTimers();
  });

  describe('options are validated at creation with a ConfigError naming the option', () => {
    it.each<[FallbackExecutorOptions, string]>([
      [{ deadlineMs: 0 }, 'deadlineMs'],
      [{ deadlineMs: -5 }, 'deadlineMs'],
      [{ deadlineMs: Number.NaN }, 'deadlineMs'],
      [{ timeoutMs: -1 }, 'timeoutMs'],
      [{ timeoutMs: Number.NaN }, 'timeoutMs'],
      [{ maxRetries: Number.NaN }, 'maxRetries'],
      [{ maxRetries: Infinity }, 'maxRetries'],
      [{ maxRetries: 1.5 }, 'maxRetries'],
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ baseDelayMs: Number.NaN }, 'baseDelayMs'],
      [{ maxDelayMs: -1 }, 'maxDelayMs'],
      [{ maxRetryAfterMs: Number.NaN }, 'maxRetryAfterMs'],
      [{ coolDownMs: Number.NaN }, 'coolDownMs'],
      [{ maxCoolDownMs: -1 }, 'maxCoolDownMs'],
      [{ unavailableMs: Number.NaN }, 'unavailableMs'],
      [{ hedge: { delayMs: Number.NaN } }, 'hedge.delayMs'],
      [{ hedge: { delayMs: 100, maxConcurrent: 0 } }, 'hedge.maxConcurrent'],
      [{ breaker: { resetTimeoutMs: 0 } }, 'breaker.resetTimeoutMs'],
      [{ breaker: { volumeThreshold: Number.NaN } }, 'breaker.volumeThreshold'],
      [{ breaker: { errorThresholdPercentage: 150 } }, 'breaker.errorThresholdPercentage'],
      [{ now: 5 as unknown as () => number }, 'now'],
    ])('%o → %s', (options, path) => {
      expect(configErrorPath(() => createFallbackExecutor(options))).toBe(path);
    });

    it('accepts the valid edges (0 retries, 0 delays, Infinity unavailableMs)', () => {
      expect(
        configErrorPath(() =>
          createFallbackExecutor({
            maxRetries: 0,
            baseDelayMs: 0,
            coolDownMs: 0,
            unavailableMs: Infinity,
          }).dispose(),
        ),
      ).toBeUndefined();
    });

    it('the standalone policies validate the same way', () => {
      expect(configErrorPath(() => retry({ maxRetries: Number.NaN }))).toBe('maxRetries');
      expect(configErrorPath(() => timeout(-1))).toBe('timeout');
      expect(configErrorPath(() => deadline(Number.NaN))).toBe('deadline');
      expect(configErrorPath(() => circuitBreaker({ name: 'p', resetTimeoutMs: -1 }))).toBe(
        'breaker.resetTimeoutMs',
      );
    });
  });

  describe('per-call deadline', () => {
    it.each([0, -1, -Infinity])(
      'deadlineMs %s means already expired: no call at all',
      async (ms) => {
        const a = scriptedProvider('a');
        const { error } = await outcome(make().generate([a], ask(), { deadlineMs: ms }));
        expect(AllProvidersFailedError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(/deadline passed/);
        expect(a.calls.length).toBe(0);
      },
    );

    it('NaN is an InvalidRequestError naming deadlineMs', async () => {
      const a = scriptedProvider('a');
      const { error } = await outcome(make().generate([a], ask(), { deadlineMs: Number.NaN }));
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as InvalidRequestError).field).toBe('deadlineMs');
      expect(a.calls.length).toBe(0);
    });
  });

  it('a cool-down taken from a retry-after is capped at maxCoolDownMs (default 10 min)', async () => {
    const yearMs = 365 * 24 * 3_600_000;
    const a = scriptedProvider('a').script({ error: 'rate_limit', retryAfterMs: yearMs });
    const b = scriptedProvider('b');
    const durations: number[] = [];
    make().onCoolDown(({ durationMs }) => durations.push(durationMs));
    await current().generate([a, b], ask());
    expect(durations).toEqual([600_000]);
    expect(
      current()
        .status()
        .find((s) => s.provider === 'a')?.coolDownRemainingMs,
    ).toBe(600_000);

    current().dispose();
    const c = scriptedProvider('c').script({ error: 'quota_exceeded', retryAfterMs: 90_000 });
    make({ maxCoolDownMs: 60_000 }).onCoolDown(({ durationMs }) => durations.push(durationMs));
    await current().generate([c, b], ask());
    expect(durations.at(-1)).toBe(60_000);
  });

  describe('requests are validated at the entry', () => {
    it('a signal that is not an AbortSignal is an InvalidRequestError, with no call and no unhandled rejection', async () => {
      const a = scriptedProvider('a');
      const bad = { ...ask(), signal: { aborted: false } as unknown as AbortSignal };
      const generated = await outcome(make().generate([a], bad));
      expect(InvalidRequestError.isInstance(generated.error)).toBe(true);
      expect((generated.error as InvalidRequestError).field).toBe('signal');
      const iterator = current().stream([a], bad)[Symbol.asyncIterator]();
      await expect(iterator.next()).rejects.toMatchObject({ field: 'signal' });
      const embedded = await outcome(current().embed([a], { input: ['x'], signal: bad.signal }));
      expect((embedded.error as InvalidRequestError).field).toBe('signal');
      expect(a.calls.length).toBe(0);
    });

    it('empty messages, an empty prompt and bad embed input are rejected before any call', async () => {
      const a = scriptedProvider('a');
      make();
      for (const input of [{ messages: [] }, '', 42 as unknown as string]) {
        const { error } = await outcome(current().generate([a], input));
        expect(InvalidRequestError.isInstance(error)).toBe(true);
      }
      for (const input of [[], [1], 'text'] as unknown as string[][]) {
        const { error } = await outcome(current().embed([a], { input }));
        expect((error as InvalidRequestError).field).toBe('input');
      }
      expect(a.calls.length).toBe(0);
    });

    it('a plain prompt string is accepted (generate and stream)', async () => {
      const a = scriptedProvider('a');
      const result = await make().generate([a], 'Hello there');
      expect(result.provider).toBe('a');
      expect(a.calls[0]?.request).toMatchObject({
        messages: [{ role: 'user', content: 'Hello there' }],
      });
      const events = [];
      for await (const event of current().stream([a], 'Hello again')) events.push(event.type);
      expect(events.at(-1)).toBe('finish');
    });
  });

  it('onSkip names the cause of each skipped candidate', async () => {
    const down = scriptedProvider('down').script({ error: 'auth' });
    const limited = scriptedProvider('limited').script({ error: 'rate_limit' });
    const off = scriptedProvider('off', { available: false });
    const chatOnly = scriptedProvider('chat-only', { embeds: false });
    const ok = scriptedProvider('ok');
    make({ breaker: { volumeThreshold: 1, errorThresholdPercentage: 1 } });
    const dead = scriptedProvider('dead').script({ error: 'server' });
    await outcome(current().generate([down], ask()));
    await outcome(current().generate([limited], ask()));
    await outcome(current().generate([dead], ask()));
    const skips: string[] = [];
    current().onSkip(({ provider, cause, kind }) => skips.push(`${provider}:${cause}:${kind}`));
    expect((await current().generate([down, limited, off, dead, ok], ask())).provider).toBe('ok');
    await current().embed([chatOnly, ok], { input: ['x'] });
    expect(skips).toEqual([
      'down:unavailable:auth',
      'limited:cool-down:rate_limit',
      'off:not-configured:auth',
      'dead:breaker-open:server',
      'chat-only:unsupported:not_found',
    ]);
  });

  it('status() shows ISO times and remaining durations; clearMarks() forgets marks (reset() is its alias)', async () => {
    const down = scriptedProvider('down').script({ error: 'auth', status: 401 });
    const gone = scriptedProvider('gone').script({ error: 'not_found' });
    make({ unavailableMs: 60_000 });
    await outcome(current().generate([down], ask()));
    await outcome(current().generate([gone], ask()));
    const now = Date.now();
    expect(
      current()
        .status()
        .find((s) => s.provider === 'down')?.unavailable,
    ).toEqual({
      kind: 'auth',
      reason: expect.stringContaining('HTTP 401'),
      since: new Date(now).toISOString(),
      until: new Date(now + 60_000).toISOString(),
      remainingMs: 60_000,
    });
    expect(
      current()
        .status()
        .find((s) => s.provider === 'gone')?.unavailableModels,
    ).toEqual([
      expect.objectContaining({ model: 'gone-model', kind: 'not_found', remainingMs: 60_000 }),
    ]);
    current().clearMarks('down');
    expect(
      current()
        .status()
        .find((s) => s.provider === 'down'),
    ).toMatchObject({
      unavailable: undefined,
      usable: true,
    });
    expect(
      current()
        .status()
        .find((s) => s.provider === 'gone')?.unavailableModels,
    ).toHaveLength(1);
    current().reset();
    expect(
      current()
        .status()
        .find((s) => s.provider === 'gone')?.unavailableModels,
    ).toEqual([]);
  });

  it('an unavailable mark without unavailableMs shows no until (until clearMarks())', async () => {
    const down = scriptedProvider('down').script({ error: 'permission' });
    await outcome(make().generate([down], ask()));
    expect(current().status()[0]?.unavailable).toMatchObject({
      kind: 'permission',
      until: undefined,
      remainingMs: undefined,
    });
  });

  it('a bad_request never reaches a breaker and a malformed one never opens it', async () => {
    const a = scriptedProvider('a');
    make({ breaker: { volumeThreshold: 1, errorThresholdPercentage: 1 } });
    for (let i = 0; i < 5; i++) await outcome(current().generate([a], { messages: [] }));
    expect(await current().generate([a], ask())).toMatchObject({ provider: 'a' });
  });
});

describe('circuitBreaker(): option names and exportable state', () => {
  beforeEach(() => vi.useFakeTimers({ now: 4_000_000 }));
  afterEach(() => vi.useRealTimers());

  const failing = () =>
    Promise.reject(new ProviderError({ kind: 'server', provider: 'p', message: 'down' }));

  it('resetTimeoutMs and rollingCountTimeoutMs (the opossum names still work as aliases)', async () => {
    for (const options of [{ resetTimeoutMs: 2_000 }, { resetTimeout: 2_000 }]) {
      const breaker = circuitBreaker({ name: 'p', volumeThreshold: 1, ...options });
      await outcome(breaker.execute(failing));
      expect(breaker.state).toBe('open');
      expect(breaker.retryAfterMs()).toBe(2_000);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(breaker.state).toBe('half-open');
      breaker.dispose();
    }
  });

  it('toJSON() exports the state and the state option restores it (open stays open, with its probe time)', async () => {
    const first = circuitBreaker({ name: 'p', volumeThreshold: 1, resetTimeoutMs: 10_000 });
    await outcome(first.execute(failing));
    const exported = JSON.parse(JSON.stringify(first.toJSON()));
    expect(exported).toMatchObject({
      state: { open: true, closed: false, halfOpen: false },
      openedAt: Date.now(),
      lastFailure: 'server',
    });
    first.dispose();

    await vi.advanceTimersByTimeAsync(4_000);
    const restored = circuitBreaker({
      name: 'p',
      volumeThreshold: 1,
      resetTimeoutMs: 10_000,
      state: exported,
    });
    expect(restored.state).toBe('open');
    expect(restored.retryAfterMs()).toBe(6_000);
    let calls = 0;
    await expect(
      restored.execute(async () => {
        calls++;
        return 'x';
      }),
    ).rejects.toMatchObject({ name: 'ModelmuxCircuitOpenError' });
    expect(calls).toBe(0);
    restored.dispose();
  });
});

describe('retry(): a 429 follows the error table', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('without retry-after it is not retried (nothing says when it passes)', async () => {
    let calls = 0;
    await expect(
      retry().execute(async () => {
        calls++;
        throw new ProviderError({ kind: 'rate_limit', provider: 'p', message: '429' });
      }),
    ).rejects.toMatchObject({ kind: 'rate_limit' });
    expect(calls).toBe(1);
  });

  it('a quota error is never retried, even with a retry-after', async () => {
    let calls = 0;
    await expect(
      retry().execute(async () => {
        calls++;
        throw new ProviderError({
          kind: 'quota_exceeded',
          provider: 'p',
          message: 'no credit',
          retryAfterMs: 10,
        });
      }),
    ).rejects.toMatchObject({ kind: 'quota_exceeded' });
    expect(calls).toBe(1);
  });
});
