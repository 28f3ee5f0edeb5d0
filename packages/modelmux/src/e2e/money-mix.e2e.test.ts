// The scripted run of issue 22: 1 000 mixed calls (complete, cached, stopped, aborted, cut,
// hedged) through the real SDKs on the fakes. Afterwards the budgets, getUsage() per user, the
// metrics and the sum of what each call reported (results, stream finishes, charge events) agree.
import { describe, expect, test } from 'vitest';
import { type FakeProviders, keys, useFakeFactories } from '../__fixtures__/e2e.js';
import type { ProviderFactory } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

type Kind = 'complete' | 'cached' | 'stopped' | 'aborted' | 'cut' | 'hedged';
const kinds: readonly Kind[] = ['complete', 'cached', 'stopped', 'aborted', 'cut', 'hedged'];

describe('1 000 mixed calls', () => {
  test(
    'budgets, getUsage(), metrics and the per-call costs agree',
    { timeout: 60_000 },
    async () => {
      // openai answers at once; google is slow (aborted at 10 ms, or hedged to anthropic after
      // 15 ms); groq cuts every stream after two events.
      fake.rules('google', { latencyMs: 60 });
      fake.rules('groq', { failRate: 1, failWith: { streamCutAfter: 2 } });
      const factory: ProviderFactory = make(
        {
          providers: {
            openai: { apiKey: keys.openai, baseURL: fake.baseURL.openai, model: 'gpt-4o-mini' },
            anthropic: { apiKey: keys.anthropic, baseURL: fake.baseURL.anthropic },
            google: { apiKey: keys.google, baseURL: fake.baseURL.google },
            groq: { apiKey: keys.groq, baseURL: fake.baseURL.groq },
          },
          primaryProvider: 'openai',
          fallbackProviders: ['anthropic'],
          dailyCostLimit: 1_000,
          costLimitPerUser: { daily: 1_000 },
          maxRetries: 0,
          cache: true,
        },
        { hedge: { delayMs: 15 }, breaker: false },
      );
      let reported = 0;
      // Added after each await (never `reported += await …`, which would drop concurrent adds).
      const add = (usd: number | undefined) => void (reported += usd ?? 0);
      factory.on('charge', (e) => add(e.costUsd));
      const seen: Record<Kind, number> = {
        complete: 0,
        cached: 0,
        stopped: 0,
        aborted: 0,
        cut: 0,
        hedged: 0,
      };

      async function one(i: number): Promise<void> {
        const kind = kinds[i % kinds.length] as Kind;
        const metadata = { userId: `u${i % 10}` };
        const prompt = `Question ${i}: what is retrieval augmented generation?`;
        seen[kind]++;
        switch (kind) {
          case 'complete':
            add((await factory.getProvider('openai').invoke(prompt, { metadata })).costUsd);
            return;
          case 'cached': {
            const same = `Cached question ${i % 12}`;
            const result = await factory.getProvider('openai').invoke(same, { metadata });
            add(result.costUsd); // 0 for a cache hit: nothing was sent
            return;
          }
          case 'stopped':
            for await (const event of factory.getProvider('openai').stream(prompt, { metadata }))
              if (event.type === 'text-delta') break;
            return;
          case 'aborted':
            await factory
              .getProvider('google')
              .invoke(prompt, { metadata, signal: AbortSignal.timeout(10) })
              .catch(() => undefined);
            return;
          case 'cut':
            try {
              for await (const event of factory.getProvider('groq').stream(prompt, { metadata }))
                if (event.type === 'finish') add(event.costUsd);
            } catch {
              // StreamInterruptedError: charged, reported by the charge event
            }
            return;
          case 'hedged':
            add((await factory.getProvider('google').invoke(prompt, { metadata })).costUsd);
            return;
        }
      }

      const started = Date.now();
      for (let batch = 0; batch < 1_000; batch += 20)
        await Promise.all(Array.from({ length: 20 }, (_, k) => one(batch + k)));
      expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(1_000);

      // Let abandoned streams finish settling, then read every side.
      await expect
        .poll(async () => (await factory.getUsage()).scopes.every((s) => s.reservedUsd === 0), {
          timeout: 10_000,
        })
        .toBe(true);
      const usage = await factory.getUsage();
      const global = usage.scopes.find((s) => s.scope === 'daily' && s.provider === undefined);
      const users = usage.scopes.filter((s) => s.scope === 'user');
      const budget = global?.spentUsd ?? 0;
      const metrics = factory.getProviderMetrics().totalCostUsd;
      const perUser = users.reduce((sum, s) => sum + s.spentUsd, 0);
      const prometheus = (await factory.getPrometheusMetrics()).text
        .split('\n')
        .filter((line) => line.startsWith('modelmux_cost_usd_total{'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

      expect(budget).toBeGreaterThan(0);
      expect(users).toHaveLength(10);
      expect(metrics).toBeCloseTo(budget, 9);
      expect(perUser).toBeCloseTo(budget, 9);
      expect(prometheus).toBeCloseTo(budget, 9);
      expect(reported).toBeCloseTo(budget, 9);
      expect(Date.now() - started).toBeLessThan(45_000);
    },
  );
});
