import { providerFailure } from '@modelmux/testing';
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, drain } from './conformance-context.js';
import type { FakeStep } from '@modelmux/testing';
import type { ProviderError } from '@modelmux/core';

/** Cancellation, timeouts, every error kind and the health check: how a failing call ends. */
export function describeFailures(ctx: ConformanceContext): void {
  const { options, create, ask, script, expectProviderError } = ctx;
  describe('cancellation and time', () => {
    it("reports the caller's abort as kind aborted, promptly", async () => {
      script('hang');
      const provider = create();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = performance.now();
      const error = await providerFailure(
        provider.generate(ask('Hello', { signal: controller.signal })),
      );
      expectProviderError(error, 'aborted', provider);
      expect(error.isRetryable).toBe(false);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('reports an abort in the middle of a stream as kind aborted', async () => {
      script('hang');
      const provider = create();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await providerFailure(
        drain(provider.stream(ask('Hello', { signal: controller.signal }))),
      );
      expectProviderError(error, 'aborted', provider);
    });

    it('reports its own timeout as kind timeout (not aborted)', async () => {
      script('hang');
      const provider = create({ timeoutMs: 150 });
      const started = performance.now();
      const error = await providerFailure(provider.generate(ask('Hello')));
      expectProviderError(error, 'timeout', provider);
      expect(error.isRetryable).toBe(true);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('reports its own timeout in a stream as kind timeout', async () => {
      script('hang');
      const provider = create({ timeoutMs: 150 });
      const error = await providerFailure(drain(provider.stream(ask('Hello'))));
      expectProviderError(error, 'timeout', provider);
    });
  });

  describe('errors', () => {
    const cases: {
      step: FakeStep;
      kind: ProviderError['kind'];
      retryable: boolean;
      status?: (s: number | undefined) => boolean;
      retryAfterMs?: number;
    }[] = [
      {
        step: { status: 429, retryAfter: 2 },
        kind: 'rate_limit',
        retryable: true,
        status: (s) => s === 429,
        retryAfterMs: 2000,
      },
      { step: { error: 'quota' }, kind: 'quota_exceeded', retryable: false },
      {
        step: { error: 'auth' },
        kind: 'auth',
        retryable: false,
        status: (s) => s === (options.authStatus ?? 401),
      },
      {
        step: { error: 'permission' },
        kind: 'permission',
        retryable: false,
        status: (s) => s === 403,
      },
      {
        step: { error: 'not_found' },
        kind: 'not_found',
        retryable: false,
        status: (s) => s === 404,
      },
      {
        step: { error: 'bad_request' },
        kind: 'bad_request',
        retryable: false,
        status: (s) => s === 400,
      },
      { step: 'context-length', kind: 'context_length', retryable: false },
      { step: { error: 'overloaded' }, kind: 'overloaded', retryable: true },
      {
        step: { error: 'server' },
        kind: 'server',
        retryable: true,
        status: (s) => s !== undefined && s >= 500,
      },
      { step: 'reset', kind: 'network', retryable: true },
      { step: 'malformed', kind: 'server', retryable: true },
    ];
    it.each(cases)(
      'maps $step to $kind after exactly one request',
      async ({ step, kind, retryable, status, retryAfterMs }) => {
        script(step);
        const provider = create();
        const error = await providerFailure(provider.generate(ask('Hello')));
        expectProviderError(error, kind, provider);
        expect(error.isRetryable).toBe(retryable);
        expect(error.model).toBe(options.model);
        expect(error.cause).toBeDefined();
        if (status) expect(status(error.status), `status ${error.status}`).toBe(true);
        if (retryAfterMs !== undefined) expect(error.retryAfterMs).toBe(retryAfterMs);
        expect(ctx.fake().count(options.fake)).toBe(1);
      },
    );

    it.runIf(options.retryAfterMs)('reads a retry delay given in milliseconds', async () => {
      script({ error: 'rate_limit', retryAfterMs: 1500 });
      const error = await providerFailure(create().generate(ask('Hello')));
      expect(error.retryAfterMs).toBe(1500);
    });
  });

  describe('health check', () => {
    it.runIf(options.healthCheck !== false)(
      'is healthy against a working endpoint and unhealthy (without throwing) on failure',
      async () => {
        const provider = create();
        if (!provider.healthCheck) throw new Error('healthCheck is missing');
        const ok = await provider.healthCheck();
        expect(ok).toMatchObject({ healthy: true, model: options.model });
        expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
        script({ error: 'auth' });
        const bad = await provider.healthCheck();
        expect(bad.healthy).toBe(false);
        expect(bad.error).toEqual(expect.any(String));
        if (options.apiKey) expect(bad.error).not.toContain(options.apiKey);
      },
    );
  });
}
