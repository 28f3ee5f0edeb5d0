import { BudgetExceededError } from '@modelmux/core';
import type { FakeProviders } from '@modelmux/testing';
import type { TourContext } from '../tour-context.js';
import { errorName } from '../request-line.js';

/** The drill's primary: first in the config's manual order. */
export const primary = 'openai';
/** The user whose daily budget the drill spends (config `costLimitPerUser`). */
export const trialUser = 'trial-user';
/** How long the primary says to wait after its 429 (seconds). */
export const retryAfterSeconds = 20;

/** What the drill measured (the tour's test asserts on it, and on the counts at the fake). */
export interface DrillReport {
  rateLimit: {
    servedBy: string[];
    /** Requests the primary received: the 429, during its cool-down, after it. */
    primaryCalls: { the429: number; duringCoolDown: number; afterCoolDown: number };
  };
  breaker: {
    /** Requests until the breaker opened. */
    requestsUntilOpen: number;
    /** Requests sent while it was open, and how many reached the primary (0). */
    requestsWhileOpen: number;
    primaryCallsWhileOpen: number;
    servedWhileOpen: string[];
  };
  recovery: { breakerStates: string[]; servedBy: string[] };
  budget: { answered: number; refusal: BudgetExceededError | undefined };
}

const question = 'Summarise what modelmux does in one sentence.';

/**
 * 4. The failure drill, on the fakes: the primary answers 429 (the switch and its cool-down),
 * goes down with 500s (its breaker opens and it gets zero calls), recovers (the breaker's probe,
 * traffic returns), and a user's budget runs out (the refusal names the limit). Time is the tour's
 * skew clock for the cool-down and the breaker's short real reset timeout for the probe.
 */
export async function drillSection(ctx: TourContext, fake: FakeProviders): Promise<DrillReport> {
  const { factory, print } = ctx;
  const ask = async (metadata?: { userId: string }) => {
    const result = await ctx.request(
      () =>
        factory.getProvider().invoke(question, { maxTokens: 100, ...(metadata && { metadata }) }),
      // Why routing left the primary out of this request's plan, in the router's words.
      (r) => {
        const left = r.excluded?.find((e) => e.name === primary);
        return left && `${primary} left out: ${left.reason}`;
      },
    );
    return result instanceof Error ? result : result.provider;
  };
  const served = async (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const who = await ask();
      out.push(who instanceof Error ? `error: ${errorName(who)}` : who);
    }
    return out;
  };
  const breakerStates: string[] = [];
  const offs = [
    factory.on('cool-down', (e) =>
      print(
        `        ⏸ ${e.provider} cools down for ${Math.round(e.durationMs / 1000)} s (${e.kind})`,
      ),
    ),
    factory.on('breaker', (e) => {
      if (e.provider === primary) breakerStates.push(e.state);
      const icon = e.state === 'open' ? '⛔' : e.state === 'half-open' ? '◐' : '✓';
      print(`        ${icon} circuit breaker of ${e.provider}: ${e.state}`);
    }),
  ];
  try {
    print(
      `\n4. Failure drill on the fakes (manual routing: ${factory.getProviderStatus().primary?.name} first, then ${factory
        .getProviderStatus()
        .fallbacks.map((f) => f.name)
        .join(', ')})`,
    );

    print(`   a) ${primary} starts answering 429 (retry-after: ${retryAfterSeconds} s)`);
    fake.script(primary, [{ status: 429, retryAfter: retryAfterSeconds }]);
    let mark = fake.count(primary);
    const first = await served(1);
    const the429 = fake.count(primary) - mark;
    mark = fake.count(primary);
    const during = await served(2);
    const duringCoolDown = fake.count(primary) - mark;
    const reason = factory.getProviderStatus().providers[primary]?.reasons[0]?.message ?? '';
    print(
      `      ${primary} received ${duringCoolDown} of those ${during.length} requests (counted at the fake): ${reason}`,
    );
    print(`      getProviderStatus().current: ${factory.getProviderStatus().current}`);
    ctx.clock.advance((retryAfterSeconds + 1) * 1000);
    print(`      … ${retryAfterSeconds + 1} s later (the tour's clock):`);
    mark = fake.count(primary);
    const after = await served(1);
    const afterCoolDown = fake.count(primary) - mark;

    print(`   b) ${primary} goes down: every call answers 500`);
    fake.rules(primary, { failRate: 1, failWith: { status: 500 } });
    let requestsUntilOpen = 0;
    while (!breakerStates.includes('open') && requestsUntilOpen < 10) {
      await served(1);
      requestsUntilOpen += 1;
    }
    mark = fake.count(primary);
    const servedWhileOpen = await served(3);
    const primaryCallsWhileOpen = fake.count(primary) - mark;
    print(
      `      breaker open: ${primary} received ${primaryCallsWhileOpen} of the last ${servedWhileOpen.length} requests (counted at the fake)`,
    );

    print(`   c) ${primary} recovers: after the breaker's reset timeout one probe goes through`);
    fake.rules(primary, undefined);
    await until(() => breakerStates.at(-1) === 'half-open', 5_000);
    const recovered = await served(3);

    print(
      `   d) a budget runs out: user "${trialUser}" may spend $0.0003 a day (costLimitPerUser)`,
    );
    let answered = 0;
    let refusal: BudgetExceededError | undefined;
    for (let i = 0; i < 12 && refusal === undefined; i++) {
      const who = await ask({ userId: trialUser });
      if (who instanceof Error) {
        if (!BudgetExceededError.isInstance(who)) throw who;
        refusal = who;
      } else answered += 1;
    }
    if (refusal)
      print(
        `      refused before any call: the ${refusal.scope} limit $${refusal.limitUsd} of "${refusal.userId}" (spent $${refusal.spentUsd?.toFixed(6)}, resets ${new Date(refusal.resetsAt ?? 0).toISOString()})`,
      );

    return {
      rateLimit: {
        servedBy: [...first, ...during, ...after],
        primaryCalls: { the429, duringCoolDown, afterCoolDown },
      },
      breaker: {
        requestsUntilOpen,
        requestsWhileOpen: servedWhileOpen.length,
        primaryCallsWhileOpen,
        servedWhileOpen,
      },
      recovery: { breakerStates: [...breakerStates], servedBy: recovered },
      budget: { answered, refusal },
    };
  } finally {
    for (const off of offs) off();
  }
}

/** Polls `condition` every 10 ms (real time: the breaker's reset timer is opossum's). */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the drill waited too long for the breaker');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
