// The README's example, run with two scripted providers. Keep the two in step.
import { Writable } from 'node:stream';
import { createFallbackExecutor } from '@modelmux/resilience';
import { pino } from 'pino';
import { expect, test } from 'vitest';
import { scriptedProvider } from '@modelmux/testing';
import { type Alert, createMetrics } from './index.js';

test('README example', async () => {
  const gemini = scriptedProvider('gemini', { type: 'google' });
  const claude = scriptedProvider('claude', { type: 'anthropic' });
  const lines: string[] = [];
  const logger = pino(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(String(JSON.parse(chunk.toString()).msg));
        done();
      },
    }),
  );
  const request = { messages: [{ role: 'user' as const, content: 'Hi' }] };

  const executor = createFallbackExecutor({ maxRetries: 2 });
  const metrics = createMetrics({
    executor,
    providers: [gemini, claude],
    logger,
    dailyLimitUsd: 50,
  });
  const alerts: Alert[] = [];
  metrics.onAlert((alert) => alerts.push(alert));

  gemini.script({ error: 'quota_exceeded', status: 429 });
  await executor.generate([gemini, claude], request);
  for await (const e of metrics.instrumentStream(executor.stream([gemini, claude], request)))
    void e;

  expect(metrics.getProviderMetrics().byProvider.claude?.totalRequests).toBe(2);
  expect(metrics.getProviderSummary('gemini')).toMatchObject({ successRate: 0, totalRequests: 1 });
  expect(await metrics.healthCheck()).toMatchObject({
    gemini: { status: 'healthy' },
    claude: { status: 'healthy' },
  });
  expect(metrics.getProviderStatus()).toMatchObject({
    primary: { name: 'gemini', available: false },
    fallbacks: [{ name: 'claude', available: true }],
    current: 'claude',
  });
  expect(await metrics.registry?.metrics()).toContain('modelmux_fallbacks_total');
  expect(lines).toContain('gemini quota exceeded, switching to claude');
  expect(alerts).toEqual([]);
  await metrics.close();
});
