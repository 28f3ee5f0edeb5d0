// Bounded memory: the heap after 1 M recorded calls is within 5 % of the heap after 10 k.
// Needs --expose-gc (set in this package's vitest.config.ts).
import type { ErrorKind, ProviderError } from '@modelmux/core';
import type { AttemptEvent, FailureEvent, SuccessEvent } from '@modelmux/resilience';
import { describe, expect, test } from 'vitest';
import { createMetrics, type MetricsExecutor } from './index.js';

type Listener<T> = (event: T) => void;

/** The executor's public event surface, driven by hand (1 M real calls would take minutes). */
function eventHub() {
  const listeners = new Map<string, Listener<never>[]>();
  const on = (name: string) => (listener: Listener<never>) => {
    listeners.set(name, [...(listeners.get(name) ?? []), listener]);
    return {
      dispose: () =>
        listeners.set(
          name,
          (listeners.get(name) ?? []).filter((l) => l !== listener),
        ),
    };
  };
  const emit = <T>(name: string, event: T) => {
    for (const l of listeners.get(name) ?? []) (l as Listener<T>)(event);
  };
  const executor = {
    onAttempt: on('attempt'),
    onRetry: on('retry'),
    onFallback: on('fallback'),
    onBreak: on('break'),
    onHalfOpen: on('halfOpen'),
    onReset: on('reset'),
    onCoolDown: on('coolDown'),
    onSuccess: on('success'),
    onFailure: on('failure'),
    status: () => [],
  } as unknown as MetricsExecutor;
  return { executor, emit };
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (packages/metrics/vitest.config.ts sets it)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

describe('memory', () => {
  test('1 M recorded calls cost no more heap than 10 k (within 5 %)', () => {
    const { executor, emit } = eventHub();
    let now = Date.UTC(2026, 10, 25);
    const metrics = createMetrics({ executor, now: () => now, defaultAlerts: false });
    const providers = ['openai', 'anthropic', 'google', 'groq'];
    const models = ['small', 'medium', 'large'];
    const kinds: ErrorKind[] = ['server', 'timeout', 'rate_limit'];
    const error = { kind: 'server', message: 'x' } as ProviderError;
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    // One event object per type, updated in place: the harness allocates nothing per call.
    const attempt: AttemptEvent = {
      operation: 'generate',
      provider: 'openai',
      model: 'small',
      attempt: 0,
      hedge: false,
    };
    const success: SuccessEvent = {
      operation: 'generate',
      provider: 'openai',
      model: 'small',
      attempt: 0,
      durationMs: 0,
      usage: { inputTokens: 100, outputTokens: 50, totalTokens: 150 },
      costUsd: 0.0001,
      rateLimit: undefined,
    };
    const failure: FailureEvent = {
      operation: 'generate',
      provider: 'openai',
      model: 'small',
      attempt: 0,
      durationMs: 0,
      kind: 'server',
      status: 500,
      error,
      hedgeLost: false,
    };
    const record = (n: number) => {
      for (let i = 0; i < n; i++) {
        now += 7; // 1 M calls span ~2 hours: every window slot rotates many times
        const provider = providers[i % 4] as string;
        const model = models[i % 3];
        attempt.provider = provider;
        attempt.model = model;
        emit('attempt', attempt);
        const durationMs = 50 + random() * 5_000;
        if (i % 20 === 0) {
          failure.provider = provider;
          failure.model = model;
          failure.durationMs = durationMs;
          failure.kind = kinds[i % 3] as ErrorKind;
          emit('failure', failure);
        } else {
          success.provider = provider;
          success.model = model;
          success.durationMs = durationMs;
          emit('success', success);
        }
      }
    };
    record(10_000);
    metrics.getProviderMetrics();
    const after10k = heapMb();
    record(990_000);
    const snapshot = metrics.getProviderMetrics();
    const after1m = heapMb();
    expect(snapshot.totalRequests).toBe(1_000_000);
    expect(snapshot.byProvider.openai?.totalRequests).toBe(250_000);
    expect(after1m / after10k, `${after10k.toFixed(1)} MB → ${after1m.toFixed(1)} MB`).toBeLessThan(
      1.05,
    );
    void metrics.close();
  }, 120_000);
});
