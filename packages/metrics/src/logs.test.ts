import { Writable } from 'node:stream';
import { registerSecret } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { ask, scriptedProvider } from '@modelmux/testing';
import { createMetrics, type MetricsLogger } from './index.js';

/** A pino logger writing JSON lines into an array. */
function capture(): {
  logger: MetricsLogger;
  lines: () => Record<string, unknown>[];
  raw: string[];
} {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return {
    logger,
    raw,
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const key = 'sk-live-metrics-test-0123456789abcdef';

describe('pino logs', () => {
  test("the user's design's lines, and no key or prompt", async () => {
    registerSecret(key);
    const { logger, lines, raw } = capture();
    const gemini = scriptedProvider('gemini');
    const claude = scriptedProvider('claude');
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const metrics = createMetrics({
      executor,
      logger,
      prometheus: false,
      defaultAlerts: false,
      logErrorMessages: true,
    });
    gemini.script({ error: 'quota_exceeded', status: 429, message: `quota for key ${key}` });
    await executor.generate([gemini, claude], ask('my secret prompt'));
    executor.reset();
    gemini.script({ error: 'quota_exceeded', status: 429 });
    claude.script({ error: 'timeout' });
    const error = await executor
      .generate([gemini, claude], ask('my secret prompt'))
      .catch((e: unknown) => e);
    metrics.requestFailed(error);

    const logged = lines();
    const messages = logged.map((l) => l.msg);
    expect(messages).toContain('Using claude for content generation');
    expect(messages).toContain('gemini quota exceeded, switching to claude');
    expect(messages).toContain(
      'All LLM providers failed: [gemini: quota exceeded, claude: timeout]',
    );
    const using = logged.find((l) => l.msg === 'Using claude for content generation');
    expect(using).toMatchObject({ level: 30, provider: 'claude', operation: 'generate' });
    expect(logged.find((l) => l.msg === 'gemini quota exceeded, switching to claude')?.level).toBe(
      40,
    );
    expect(logged.find((l) => String(l.msg).startsWith('All LLM'))?.level).toBe(50);
    // The error message was logged (asked for), with the key redacted; no prompt anywhere.
    const all = raw.join('');
    expect(all).toContain('quota for key [REDACTED]');
    expect(all).not.toContain(key);
    expect(all).not.toContain('my secret prompt');
    await metrics.close();
  });

  test('silent without a logger, and error messages only when asked', async () => {
    const { logger, raw } = capture();
    const openai = scriptedProvider('openai');
    const executor = createFallbackExecutor({ breaker: false, maxRetries: 0 });
    const quiet = createMetrics({ executor, prometheus: false, defaultAlerts: false });
    const metrics = createMetrics({ executor, logger, prometheus: false, defaultAlerts: false });
    openai.script({ error: 'server', message: 'upstream detail' });
    await executor.generate([openai], ask()).catch(() => undefined);
    expect(raw.join('')).toContain('openai server error');
    expect(raw.join('')).not.toContain('upstream detail');
    quiet.requestFailed(new Error('not a modelmux error'));
    await quiet.close();
    await metrics.close();
  });
});
