import { getEventListeners } from 'node:events';
import { InvalidRequestError } from '@modelmux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, collectEvents, scriptedProvider } from '@modelmux/testing';
import { type FallbackExecutor, createFallbackExecutor } from './fallback-executor.js';

async function refusal(run: () => Promise<unknown>): Promise<InvalidRequestError> {
  const error: unknown = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(InvalidRequestError.isInstance(error)).toBe(true);
  return error as InvalidRequestError;
}

describe('the executor refuses a malformed plan with a typed error naming the field (issue 24)', () => {
  const executor = createFallbackExecutor({ breaker: false });
  const ok = scriptedProvider('ok');

  it.each<[string, unknown, string]>([
    ['null', null, 'candidates'],
    ['a provider, not an array', ok, 'candidates'],
    ['an empty object', [{}], 'candidates.0.specificationVersion'],
    [
      'a wrapper around nothing',
      [ok, { provider: {} }],
      'candidates.1.provider.specificationVersion',
    ],
    ['a wrapper with a bad model', [{ provider: ok, model: 42 }], 'candidates.0.model'],
    ['a provider without generate', [{ ...ok, generate: undefined }], 'candidates.0.generate'],
    ['undefined in the list', [ok, undefined], 'candidates.1'],
  ])('generate(%s)', async (_label, plan, field) => {
    const error = await refusal(() => executor.generate(plan as never, ask('hi')));
    expect(error.field).toBe(field);
    expect(error.message).toContain('Provider');
    expect(ok.calls).toHaveLength(0);
  });

  it('stream and embed refuse the same plans', async () => {
    expect(
      (await refusal(() => collectEvents(executor.stream(null as never, ask('hi'))))).field,
    ).toBe('candidates');
    expect((await refusal(() => executor.embed([{}] as never, { input: ['x'] }))).field).toBe(
      'candidates.0.specificationVersion',
    );
  });
});

describe('a shared long-lived AbortSignal (issue 24)', () => {
  let executor: FallbackExecutor | undefined;
  const current = (): FallbackExecutor => {
    if (!executor) throw new Error('create the executor first');
    return executor;
  };
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    executor?.dispose();
    vi.useRealTimers();
  });

  it.each([
    ['with a timeout', { timeoutMs: 5_000 }],
    ['without a timeout or deadline', {}],
    ['with a deadline and hedging', { deadlineMs: 5_000, hedge: { delayMs: 1_000 } }],
  ])(
    '100 concurrent calls leave at most one listener on it, none once settled (%s)',
    async (_label, options) => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);
      try {
        executor = createFallbackExecutor({ breaker: false, ...options });
        const provider = scriptedProvider('slow', { defaultStep: { delayMs: 100 } });
        const shared = new AbortController().signal;
        const calls = Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? current().generate([provider], { ...ask('hi'), signal: shared })
            : collectEvents(current().stream([provider], { ...ask('hi'), signal: shared })),
        );
        await vi.advanceTimersByTimeAsync(10);
        expect(provider.calls).toHaveLength(100);
        expect(getEventListeners(shared, 'abort').length).toBeLessThanOrEqual(1);
        await vi.advanceTimersByTimeAsync(200);
        await Promise.all(calls);
        expect(getEventListeners(shared, 'abort')).toHaveLength(0);
        await vi.advanceTimersByTimeAsync(0);
        expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
      } finally {
        process.off('warning', onWarning);
      }
    },
  );

  it('aborting it still stops every call in flight at once', async () => {
    executor = createFallbackExecutor({ breaker: false, timeoutMs: 5_000 });
    const provider = scriptedProvider('hangs', { defaultStep: 'hang' });
    const controller = new AbortController();
    const calls = Array.from({ length: 20 }, () =>
      current()
        .generate([provider], { ...ask('hi'), signal: controller.signal })
        .then(
          () => 'answered',
          (e: { kind?: string }) => e.kind,
        ),
    );
    await vi.advanceTimersByTimeAsync(1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    const kinds = await Promise.all(calls);
    expect(new Set(kinds)).toEqual(new Set(['aborted']));
    expect(provider.abortedCount()).toBe(20);
  });
});
