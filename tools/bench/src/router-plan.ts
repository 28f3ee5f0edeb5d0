import {
  type ChatRequest,
  type ChatResult,
  type Provider,
  type StreamEvent,
  countRequestTokens,
} from '@modelmux/core';
import { type RouterOptions, createRouter, createRoutingStats } from '@modelmux/router';
import type { BenchSize } from './scenarios.js';
import { median } from './stats.js';

/** A provider the router only reads (name, model, isAvailable); it is never called here. */
function benchProvider(name: string, model: string): Provider {
  return {
    specificationVersion: 'v1',
    name,
    type: 'bench',
    defaultModel: model,
    generate: async () => ({}) as ChatResult as never,
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text-delta', text: '' };
    },
    isAvailable: () => true,
  };
}

const providers = [
  benchProvider('openai', 'gpt-4o-mini'),
  benchProvider('anthropic', 'claude-sonnet-4-5'),
  benchProvider('google', 'gemini-2.5-flash'),
  benchProvider('groq', 'llama-3.3-70b-versatile'),
];

/** Every plan gets a new request object, as in real traffic (no cached token count). */
function requestFor(i: number): ChatRequest {
  return {
    messages: [{ role: 'user', content: `Say hello in five words (${i % 100}).` }],
    maxTokens: 64,
    metadata: { userId: `user-${i % 1000}` },
  };
}

/** CPU µs (user + system) of this process since `started`: unaffected by other processes on a shared machine. */
function cpuUs(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return used.user + used.system;
}

/** CPU µs per `router.plan()` call over four providers: the median of timed batches. */
function perPlanUs(
  options: Omit<RouterOptions, 'providers'>,
  size: BenchSize,
  inputTokens?: number,
): number {
  const stats = createRoutingStats();
  for (const p of providers) {
    stats.recordAttempt(p.name);
    stats.recordSuccess(p.name, 500 + p.name.length * 100);
  }
  const router = createRouter({ providers, stats, seed: 1, ...options });
  const batch = Math.max(2_000, size.batch);
  // Let the JIT settle first (a few thousand calls are not enough for stable figures).
  for (let i = 0; i < 50_000; i++) router.plan(requestFor(i), { inputTokens });
  const requests = Array.from({ length: batch }, (_, i) => requestFor(i));
  const samples: number[] = [];
  const rounds = Math.max(15, Math.round(size.rounds / 20));
  for (let round = 0; round < rounds + 2; round++) {
    // Fresh request objects each round, so the router's per-request token cache never hits.
    for (let i = 0; i < batch; i++) requests[i] = requestFor(i);
    const started = process.cpuUsage();
    for (let i = 0; i < batch; i++) router.plan(requests[i], { inputTokens });
    if (round >= 2) samples.push(cpuUs(started) / batch);
  }
  return median(samples);
}

/** µs to count a request's tokens with core's `countRequestTokens` (what a plan counts, once). */
function tokenCountUs(size: BenchSize): number {
  const samples: number[] = [];
  const rounds = Math.max(5, Math.round(size.rounds / 20));
  const batch = Math.max(2_000, size.batch);
  for (let i = 0; i < 50_000; i++) countRequestTokens(requestFor(i));
  for (let round = 0; round < rounds + 2; round++) {
    const requests = Array.from({ length: batch }, (_, i) => requestFor(i));
    const started = process.cpuUsage();
    for (const request of requests) countRequestTokens(request);
    if (round >= 2) samples.push(cpuUs(started) / batch);
  }
  return median(samples);
}

/** The router's cost per plan, by strategy (tokens counted by the plan, as by default). */
export function routerPlan(size: BenchSize) {
  return {
    tokenCountUs: tokenCountUs(size),
    costGivenTokensUs: perPlanUs({ strategy: 'cost' }, size, 12),
    adaptiveGivenTokensUs: perPlanUs({ strategy: 'adaptive' }, size, 12),
    costUs: perPlanUs({ strategy: 'cost' }, size),
    latencyUs: perPlanUs({ strategy: 'latency' }, size),
    adaptiveUs: perPlanUs({ strategy: 'adaptive' }, size),
    complexityUs: perPlanUs({ strategy: 'complexity' }, size),
    // Real-traffic options configured, on requests that use none of them (no sessionId; cost
    // never explores): the hot path should cost the same as plain `cost`.
    costGivenTokensBeforeUs: perPlanUs({ strategy: 'cost' }, size, 12),
    realTrafficIdleUs: perPlanUs(
      { strategy: 'cost', sessionAffinity: true, exploration: { rate: 0.05 } },
      size,
      12,
    ),
    // The same plain `cost` plan measured again right after, as the control for the row above.
    costGivenTokensAgainUs: perPlanUs({ strategy: 'cost' }, size, 12),
    withRuleAndExperimentUs: perPlanUs(
      {
        strategy: 'cost',
        rules: [{ when: { task: 'classify' }, use: ['groq', 'google'] }],
        experiments: [{ name: 'ab', variants: { A: 'openai', B: 'anthropic' } }],
      },
      size,
    ),
  };
}

/** The router figures as Markdown. */
export function formatRouterPlan(r: ReturnType<typeof routerPlan>): string {
  const f = (n: number) => n.toFixed(2);
  return [
    '',
    '### router.plan over four providers, CPU time per call (target ≤ 5 µs)',
    `Counting a short request's tokens (core's countRequestTokens, o200k_base): ${f(r.tokenCountUs)} µs. A plan counts once and hands the count on (\`estimate.inputTokens\`, \`router.countTokens\`), so the executor and budgets do not count again.`,
    '',
    '| plan | µs per plan |',
    '|---|---|',
    `| cost, token count given (the router's own work) | ${f(r.costGivenTokensUs)} |`,
    `| adaptive, token count given | ${f(r.adaptiveGivenTokensUs)} |`,
    `| cost, counting tokens | ${f(r.costUs)} |`,
    `| latency, counting tokens | ${f(r.latencyUs)} |`,
    `| adaptive (Thompson sampling), counting tokens | ${f(r.adaptiveUs)} |`,
    `| complexity, counting tokens | ${f(r.complexityUs)} |`,
    `| cost + a rule + an A/B experiment, counting tokens | ${f(r.withRuleAndExperimentUs)} |`,
    `| cost, token count given, sessionAffinity + exploration configured, requests without a sessionId | ${f(r.realTrafficIdleUs)} (${f(r.realTrafficIdleUs - (r.costGivenTokensBeforeUs + r.costGivenTokensAgainUs) / 2)} µs vs the controls) |`,
    `| controls: cost, token count given, measured right before and right after the row above | ${f(r.costGivenTokensBeforeUs)} / ${f(r.costGivenTokensAgainUs)} |`,
  ].join('\n');
}
