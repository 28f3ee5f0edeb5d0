// Money that matches the bill (issue 22), end to end on the fakes through the real SDKs: unknown
// prices are never free, and calls cut after they were sent are charged against the limits.
import { BudgetExceededError, ConfigError } from '@modelmux/core';
import { describe, expect, test, vi } from 'vitest';
import { type FakeProviders, keys, useFakeFactories } from '../__fixtures__/e2e.js';
import type { ProviderFactory } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

/** A prompt of about 5 400 tokens: 20 of them are the issue's ~108k input tokens. */
const longPrompt = 'Summarise the attached quarterly report for the board. '.repeat(600);

const openai = (extra: Record<string, unknown> = {}) => ({
  openai: { apiKey: keys.openai, baseURL: fake.baseURL.openai, model: 'gpt-4o-mini', ...extra },
});

/** The user's spend as the budget, the metrics and (when given) the attempts see it. */
async function spentOf(factory: ProviderFactory, userId: string): Promise<number> {
  const usage = await factory.getUsage();
  return usage.scopes.find((s) => s.userId === userId)?.spentUsd ?? 0;
}

describe('unknown prices are never free', () => {
  test("dailyCostLimit: 0.0001 with an unpriced model: refused with a ConfigError naming it, nothing sent (the issue's run)", async () => {
    const factory = make({
      providers: {
        vllm: {
          type: 'openai',
          apiKey: keys.openai,
          baseURL: fake.baseURL.openai,
          model: 'acme-llama-70b',
        },
      },
      dailyCostLimit: 0.0001,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => factory.getProvider().invoke(longPrompt)),
    );
    warn.mockRestore();
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    const error = (outcomes[0] as PromiseRejectedResult).reason as ConfigError;
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.issues[0]?.path).toBe('providers.vllm.unknownPrice');
    expect(error.message).toMatch(/"acme-llama-70b".*cost limit.*catalogue.*unknownPrice/s);
    expect(fake.count('openai')).toBe(0);
  });

  test("unknownPrice: 'warn' charges the stated fallback price: the limit stops the run after one call", async () => {
    const factory = make({
      providers: {
        vllm: {
          type: 'openai',
          apiKey: keys.openai,
          baseURL: fake.baseURL.openai,
          model: 'acme-mixtral-8x22b',
          unknownPrice: 'warn',
        },
      },
      dailyCostLimit: 0.5,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let passed = 0;
    let refused: unknown;
    for (let i = 0; i < 20 && refused === undefined; i++)
      await factory
        .getProvider()
        .invoke(longPrompt, { maxTokens: 100 })
        .then(
          () => passed++,
          (e: unknown) => (refused = e),
        );
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    // ~5.4k input tokens at $15/M ≈ $0.08 a call: a $0.50 limit lets about six through, not 20.
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThan(10);
    expect(BudgetExceededError.isInstance(refused)).toBe(true);
    expect(fake.count('openai')).toBe(passed);
  });

  test('a fine-tune is charged its base price; a local model declares 0 explicitly', async () => {
    const factory = make({
      providers: {
        openai: {
          apiKey: keys.openai,
          baseURL: fake.baseURL.openai,
          model: 'ft:gpt-4o-mini-2024-07-18:acme::abc123',
        },
        ollama: {
          type: 'openai',
          baseURL: fake.baseURL.openai,
          model: 'acme-local-7b',
          unknownPrice: { inputPerMTok: 0, outputPerMTok: 0 },
        },
      },
      primaryProvider: 'openai',
      dailyCostLimit: 1,
    });
    const tuned = await factory.getProvider('openai').invoke('Hi');
    expect(tuned.costUsd).toBe(factory.getRequestCost('openai', tuned.usage, 'gpt-4o-mini'));
    expect(tuned.costUsd).toBeGreaterThan(0);
    const local = await factory.getProvider('ollama').invoke('Hi');
    expect(local.costUsd).toBe(0);
  });
});

describe('partial calls are charged against a per-user daily limit', () => {
  // Each call's input alone (~6.6k tokens of gpt-4o-mini, ~$0.001): 30 of them are 6× the limit.
  const limit = 0.005;
  const config = (extra: Record<string, unknown> = {}) => ({
    providers: openai(),
    costLimitPerUser: { daily: limit },
    maxRetries: 0,
    ...extra,
  });

  /** Runs up to 30 calls for one user; returns how many ran before the limit refused one. */
  async function untilRefused(
    run: (i: number) => Promise<unknown>,
  ): Promise<{ ran: number; refused: unknown }> {
    let refused: unknown;
    let ran = 0;
    for (let i = 0; i < 30 && refused === undefined; i++)
      await run(i).then(
        () => ran++,
        (e: unknown) => (BudgetExceededError.isInstance(e) ? (refused = e) : ran++),
      );
    return { ran, refused };
  }

  async function expectCharged(factory: ProviderFactory, ran: number, refused: unknown) {
    expect(refused).toMatchObject({
      name: 'ModelmuxBudgetExceededError',
      scope: 'user',
      userId: 'u1',
    });
    expect(ran).toBeLessThan(30);
    const spent = await spentOf(factory, 'u1');
    // Every cut call was charged (never 0), and the metrics say the same as the budget.
    expect(ran).toBeGreaterThanOrEqual(3);
    expect(spent).toBeGreaterThan(limit * 0.75);
    expect(factory.getProviderMetrics().totalCostUsd).toBeCloseTo(spent, 10);
  }

  test("30 streams broken off after the first text delta (a chat UI's stop button)", async () => {
    const factory = make(config());
    fake.script(
      'openai',
      Array.from({ length: 30 }, () => ({ streamEventDelayMs: 5 })),
    );
    const { ran, refused } = await untilRefused(async () => {
      for await (const event of factory
        .getProvider()
        .stream(longPrompt, { maxTokens: 50, metadata: { userId: 'u1' } }))
        if (event.type === 'text-delta') break;
    });
    await expect.poll(async () => (await factory.getUsage()).scopes[0]?.reservedUsd).toBe(0);
    await expectCharged(factory, ran, refused);
  });

  test('30 caller aborts at 150 ms while the vendor is answering', async () => {
    const factory = make(config());
    fake.script(
      'openai',
      Array.from({ length: 30 }, () => ({ delayMs: 2_000 })),
    );
    const { ran, refused } = await untilRefused(() =>
      factory.getProvider().invoke(longPrompt, {
        maxTokens: 50,
        metadata: { userId: 'u1' },
        signal: AbortSignal.timeout(150),
      }),
    );
    await expectCharged(factory, ran, refused);
  });

  test('30 calls cut by our timeout', async () => {
    const factory = make(config({ timeoutMs: 150 }));
    fake.script(
      'openai',
      Array.from({ length: 30 }, () => 'hang' as const),
    );
    const outcome = await untilRefused(() =>
      factory.getProvider().invoke(longPrompt, { maxTokens: 50, metadata: { userId: 'u1' } }),
    );
    await expectCharged(factory, outcome.ran, outcome.refused);
  });

  test('a cut call says what it was charged: attempts carry costUsd and usageEstimated', async () => {
    const factory = make({
      providers: {
        ...openai(),
        anthropic: { apiKey: keys.anthropic, baseURL: fake.baseURL.anthropic },
      },
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      timeoutMs: 1_500,
      maxRetries: 0,
    });
    fake.script('openai', ['hang']);
    const result = await factory.getProvider().invoke(longPrompt, { maxTokens: 50 });
    expect(result.provider).toBe('anthropic');
    const cut = result.attempts[0];
    expect(cut).toMatchObject({ provider: 'openai', kind: 'timeout', usageEstimated: true });
    expect(cut?.costUsd).toBeGreaterThan(0);
    expect(cut?.usage?.inputTokens).toBeGreaterThan(5_000);
    expect(factory.getProviderMetrics().totalCostUsd).toBeCloseTo(
      (cut?.costUsd ?? 0) + (result.costUsd ?? 0),
      10,
    );
  });
});
