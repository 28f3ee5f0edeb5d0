// The tour (`npm run demo`) end to end: its output shows what it claims, and the fake servers
// confirm the call counts.
import { BudgetExceededError } from '@modelmux/core';
import { startFakeProviders } from '@modelmux/testing';
import { describe, expect, test } from 'vitest';
import { runTour } from './tour.js';

describe('the tour, offline (no keys)', () => {
  test('shows the fallback, the cool-down, the breaker, the recovery, the budget refusal, the metrics table and the alerts', async () => {
    const lines: string[] = [];
    const report = await runTour({ print: (line) => lines.push(line), env: {} });
    const output = lines.join('\n');
    expect(report.mode).toBe('fake');
    expect(output).toContain('offline: fake providers openai, anthropic, google, groq');

    // One line per request, numbered in order, with the same columns.
    const requestLines = lines.filter((l) => /^ {2}#\d+/.test(l));
    expect(requestLines).toHaveLength(report.records.length);
    expect(report.records.map((r) => r.n)).toEqual(report.records.map((_, i) => i + 1));
    for (const line of requestLines.filter((l) => !l.includes('refused')))
      expect(line).toMatch(/ \d+ ms +\d+ tok {2}\$\d+\.\d+ +(no fallback|fallback: )/);

    // 1-3: RAG with citations, the agent's calculator, the chat routed by complexity.
    expect(report.failures).toEqual([]);
    expect(report.rag?.citations.length).toBeGreaterThan(0);
    expect(report.agent?.answer).toContain('6000');
    expect(output).toContain('calculator({"expression":"(1234 + 766) * 3"}) = 6000');
    expect(output).toMatch(/rule tool-selection → cost/);
    expect(output).toMatch(/rule synthesis → quality/);
    expect(report.chat.map((t) => t.complexity?.class)).toEqual(['simple', 'medium', 'complex']);

    const drill = report.drill;
    if (!drill) throw new Error('no drill offline');
    // 4a. The 429: one call reaches openai, the request falls back; none during the cool-down;
    // traffic returns once the (skewed) clock passes the retry-after.
    expect(output).toMatch(/#8 +anthropic .* fallback: openai ✗ rate_limit 429/);
    expect(output).toContain('⏸ openai cools down for 20 s (rate_limit)');
    // The reason the primary was left out is the routing plan's (`result.excluded`).
    expect(output).toMatch(
      /\(openai left out: cooling down after rate_limit until \d{4}-[\d-]+T[\d:.]+Z\)/,
    );
    expect(output).toContain('getProviderStatus().current: anthropic');
    expect(drill.rateLimit.primaryCalls).toEqual({
      the429: 1,
      duringCoolDown: 0,
      afterCoolDown: 1,
    });
    expect(drill.rateLimit.servedBy).toEqual(['anthropic', 'anthropic', 'anthropic', 'openai']);
    // 4b. The breaker opens after the 500s, then openai gets zero calls.
    expect(output).toMatch(/fallback: openai ✗ server 500/);
    expect(output).toContain('⛔ circuit breaker of openai: open');
    expect(drill.breaker.requestsUntilOpen).toBe(2);
    expect(drill.breaker.primaryCallsWhileOpen).toBe(0);
    expect(drill.breaker.servedWhileOpen).toEqual(['anthropic', 'anthropic', 'anthropic']);
    expect(output).toContain('openai received 0 of the last 3 requests (counted at the fake)');
    expect(output).toMatch(/\(openai left out: circuit breaker open until \d{4}-[\d-]+T[\d:.]+Z\)/);
    // 4c. Recovery: half-open, the probe succeeds, traffic returns to openai.
    expect(drill.recovery.breakerStates).toEqual(['open', 'half-open', 'closed']);
    expect(drill.recovery.servedBy).toEqual(['openai', 'openai', 'openai']);
    // 4d. The budget refusal names the limit.
    const refusal = drill.budget.refusal;
    expect(BudgetExceededError.isInstance(refusal)).toBe(true);
    expect(refusal).toMatchObject({ scope: 'user', limitUsd: 0.0003, userId: 'trial-user' });
    expect(drill.budget.answered).toBeGreaterThan(0);
    // The error's exported name, one pair of parentheses, costs rounded.
    expect(output).toMatch(
      /refused: BudgetExceededError: The daily user budget of \$0\.0003 for user "trial-user" would be exceeded \(predicted \$0\.\d+, spent \$0\.\d+\); it resets at /,
    );
    expect(output).toMatch(/\(openai left out: daily user budget of user "trial-user": /);
    expect(output).not.toMatch(/\)\s*\(|\d\.\d{10,}/);
    // The RAG answer is a whole sentence of the docs, not a line of one.
    const answer = / {3}A: ([\s\S]*?)\n {6}\[\d+\]/.exec(output)?.[1];
    expect(answer).toMatch(/^[A-Z`][^…]*[.!?]$/);

    // 5. The metrics table: a row per provider that was called, and the totals.
    expect(output).toMatch(
      /provider +calls +success +p50 +p95 +tokens in\/out +cost +fallbacks +errors/,
    );
    expect(output).toMatch(/ {2}openai +\d+ +\d+% .* rate_limit 1, server 2/);
    expect(output).toMatch(/ {2}anthropic +\d+ +100% /);
    expect(output).toMatch(/ {2}total +\d+ /);
    // The metrics count exactly what the fake servers received.
    for (const [provider, count] of Object.entries(report.fakeCounts ?? {}))
      expect(report.metrics.byProvider[provider]?.totalRequests ?? 0).toBe(count);
    expect(report.fakeCounts?.openai).toBeGreaterThan(0);

    // The alerts that fired.
    expect(report.alerts).toContainEqual(
      expect.objectContaining({ name: 'breaker_open', state: 'firing', provider: 'openai' }),
    );
    expect(output).toMatch(
      /Alerts that fired \(\d+\)\n[\s\S]* {3}critical breaker_open \(openai\)/,
    );
    // No key of the tour's fakes is printed.
    expect(output).not.toMatch(/sk-modelmux-demo|sk-ant-modelmux|AIzaModelmux|gsk_modelmux/);
  }, 60_000);
});

describe('the tour with keys in the environment', () => {
  test('uses the providers it finds, says which, and skips the drill', async () => {
    // "Real" providers: keys and base URLs in the environment, served here by a fake.
    const vendor = await startFakeProviders();
    try {
      const lines: string[] = [];
      const report = await runTour({
        print: (line) => lines.push(line),
        env: {
          OPENAI_API_KEY: 'sk-tour-real-0000',
          OPENAI_BASE_URL: vendor.baseURL.openai,
          ANTHROPIC_API_KEY: 'sk-ant-tour-real-0000',
          ANTHROPIC_BASE_URL: vendor.baseURL.anthropic,
        },
      });
      const output = lines.join('\n');
      expect(report.mode).toBe('real');
      expect(output).toContain('real providers found in the environment: openai, anthropic');
      expect(report.drill).toBeUndefined();
      expect(output).toContain('Failure drill: skipped with real providers');
      expect(output).toMatch(/provider +calls +success/);
      expect(vendor.count('openai') + vendor.count('anthropic')).toBe(report.metrics.totalRequests);
      expect(output).not.toMatch(/sk-tour-real|sk-ant-tour-real/);
      expect(report.failures).toEqual([]);
    } finally {
      await vendor.close();
    }
  }, 60_000);

  test('with only providers that cannot embed, RAG is skipped with the reason and the rest runs', async () => {
    const vendor = await startFakeProviders();
    try {
      const lines: string[] = [];
      const report = await runTour({
        print: (line) => lines.push(line),
        env: { GROQ_API_KEY: 'gsk_tour_real_0000', GROQ_BASE_URL: vendor.baseURL.groq },
      });
      const output = lines.join('\n');
      expect(output).toContain('real providers found in the environment: groq');
      expect(output).toMatch(/skipped: no configured provider can embed .*groq: cannot embed/);
      expect(report.rag).toBeUndefined();
      expect(report.agent?.answer).toContain('6000');
      expect(report.chat).toHaveLength(3);
      expect(report.failures).toEqual([]);
      expect(vendor.count('groq')).toBe(report.metrics.totalRequests);
    } finally {
      await vendor.close();
    }
  }, 60_000);

  test('a section that fails with real providers is reported and the tour goes on', async () => {
    const vendor = await startFakeProviders();
    vendor.rules('groq', { failRate: 1, failWith: { status: 401 } });
    try {
      const lines: string[] = [];
      const report = await runTour({
        print: (line) => lines.push(line),
        env: { GROQ_API_KEY: 'gsk_tour_bad_0000', GROQ_BASE_URL: vendor.baseURL.groq },
      });
      expect(report.failures.map((f) => f.split(':')[0])).toEqual(['agent', 'chat']);
      expect(lines.join('\n')).toMatch(
        /✗ agent failed: All 1 attempt\(s\) failed:[\s\S]*auth \(401\)/,
      );
      // After the 401 the key is marked bad: the chat is refused without another call.
      expect(lines.join('\n')).toMatch(
        /✗ chat failed: No provider can take this request:\n\s+- groq: unavailable: auth/,
      );
      expect(vendor.count('groq')).toBe(1);
      expect(lines.join('\n')).toMatch(/provider +calls +success/);
      expect(lines.join('\n')).not.toContain('gsk_tour_bad');
    } finally {
      await vendor.close();
    }
  }, 60_000);
});
