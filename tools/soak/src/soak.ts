// The chaos soak: seeded random faults at the four fake vendors, thousands of requests through one
// ProviderFactory (budgets and cache on), and the invariants that must hold under them.
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  AllProvidersFailedError,
  BudgetExceededError,
  ProviderError,
  StreamInterruptedError,
  type ChatRequest,
} from '@modelmux/core';
import { type FakeProviderName, type FakeStep, startFakeProviders } from '@modelmux/testing';
import { ProviderFactory } from 'modelmux';
import { pick, prng } from './prng.js';

/** Keys shaped like real ones: the soak checks none ever appears in any output. */
export const soakKeys: Record<FakeProviderName, string> = {
  openai: 'sk-soak-modelmux-openai-0123456789abcdef',
  anthropic: 'sk-ant-soak-modelmux-0123456789abcdef',
  google: 'AIzaSoakModelmuxGoogle0123456789abcdefgh',
  groq: 'gsk_soak_modelmux_groq_0123456789abcdef',
};
const vendors: FakeProviderName[] = ['openai', 'anthropic', 'google', 'groq'];
const embedders: FakeProviderName[] = ['openai', 'google'];

/** The faults a provider may be given for a batch (each in the vendor's real wire format). */
export const faults: { name: string; step: FakeStep }[] = [
  { name: '429 + retry-after', step: { status: 429, retryAfter: 1 } },
  { name: '429 without retry-after', step: { status: 429 } },
  { name: '500', step: { status: 500 } },
  { name: '503', step: { status: 503 } },
  { name: 'hang', step: 'hang' },
  { name: 'reset before headers', step: 'reset' },
  { name: 'malformed JSON', step: 'malformed' },
  { name: 'HTML page', step: { htmlPage: 502 } },
  { name: 'stream cut', step: { streamCutAfter: 2 } },
  { name: 'slow stream', step: { streamEventDelayMs: 40 } },
  { name: 'slow answer', step: { delayMs: 150 } },
];

export interface SoakOptions {
  requests: number;
  seed: number;
  /** Requests per batch; each batch re-draws the faults. */
  batch?: number;
  /** Per-attempt timeout of the factory. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  requests: number;
  seed: number;
  ok: number;
  /** Failures while at least one provider was healthy (must be 0). */
  unexpectedFailures: number;
  /** Expected refusals/failures: caller aborts, budget refusals, streams cut after their first event. */
  aborted: number;
  budgetRefusals: number;
  streamsInterrupted: number;
  cacheHits: number;
  pastDeadline: number;
  deadlineMs: number;
  maxLatencyMs: number;
  unhandledRejections: number;
  overspentUsers: number;
  spendRecordedUsd: number;
  spendOfResultsUsd: number;
  secretsFound: number;
  heapStartMb: number;
  heapEndMb: number;
  callsAtFake: Record<string, number>;
  attemptsReported: Record<string, number>;
  failureSamples: string[];
  durationMs: number;
}

const userLimitUsd = 0.02;
const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
/** Allowed beyond the plan's worst case (every provider tried once, the last retried). */
export const deadlineToleranceMs = 2_000;

/** The heap after a full collection (V8's gc exposed at run time, so no node flag is needed). */
function heapMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Runs the soak and returns its report (the caller asserts; `main.ts` prints the table). */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { requests, seed } = options;
  const batch = options.batch ?? 200;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const random = prng(seed);
  const started = performance.now();
  let unhandledRejections = 0;
  const onUnhandled = (): void => void unhandledRejections++;
  process.on('unhandledRejection', onUnhandled);
  const fake = await startFakeProviders({ seed });
  // The four fake vendors share one origin (real vendors have one each).
  const fakes = { openai: fake, anthropic: fake, google: fake, groq: fake };
  const logs: string[] = [];
  const factory = new ProviderFactory(
    {
      providers: Object.fromEntries(
        vendors.map((v) => [v, { apiKey: soakKeys[v], baseURL: fakes[v].baseURL[v] }]),
      ),
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic', 'google', 'groq'],
      timeoutMs,
      maxRetries: 1,
      cache: { maxEntries: 200 },
      costLimitPerUser: { daily: userLimitUsd },
      dailyCostLimit: 1_000,
    },
    {
      backoff: { baseDelayMs: 1, maxDelayMs: 5 },
      logger: {
        debug: (o: unknown, m?: string) => void logs.push(inspect(o) + (m ?? '')),
        info: (o: unknown, m?: string) => void logs.push(inspect(o) + (m ?? '')),
        warn: (o: unknown, m?: string) => void logs.push(inspect(o) + (m ?? '')),
        error: (o: unknown, m?: string) => void logs.push(inspect(o) + (m ?? '')),
      } as never,
    },
  );
  const attemptsReported: Record<string, number> = {};
  factory.on('attempt', (e) => {
    attemptsReported[e.provider] = (attemptsReported[e.provider] ?? 0) + 1;
  });
  // Our own guards' refusals (budgets, client-side limits) are attempts that never leave.
  const refusedBeforeSending: Record<string, number> = {};
  factory.on('failure', (e) => {
    const cause = (e.error as { cause?: unknown }).cause;
    if (BudgetExceededError.isInstance(e.error) || BudgetExceededError.isInstance(cause))
      refusedBeforeSending[e.provider] = (refusedBeforeSending[e.provider] ?? 0) + 1;
  });
  const outputs: string[] = [];
  const failureSamples: string[] = [];
  // Every provider may be tried once (fast failover) and the last one retried: the bound.
  const deadlineMs = timeoutMs * (vendors.length + 1) + deadlineToleranceMs;
  const report = {
    ok: 0,
    unexpectedFailures: 0,
    aborted: 0,
    budgetRefusals: 0,
    streamsInterrupted: 0,
    cacheHits: 0,
    pastDeadline: 0,
    maxLatencyMs: 0,
    spendOfResultsUsd: 0,
  };
  let heapStartMb = 0;

  for (let done = 0; done < requests; done += batch) {
    // Draw this batch's faults; one usable embedding-capable provider stays healthy.
    const availability = factory.getAvailability();
    const usable = embedders.filter((v) => availability[v]);
    const healthy = usable.length > 0 ? pick(random, usable) : undefined;
    for (const vendor of vendors) {
      if (vendor === healthy || random() < 0.3) fakes[vendor].rules(vendor, undefined);
      else
        fakes[vendor].rules(vendor, {
          failRate: 0.3 + random() * 0.6,
          failWith: pick(random, faults).step,
          seed: Math.floor(random() * 1e9),
        });
    }
    const concurrency = pick(random, [1, 8, 32, 64]);
    const size = Math.min(batch, requests - done);
    const plan = Array.from({ length: size }, (_, i) => ({
      kind: pick(random, ['chat', 'chat', 'chat', 'chat', 'stream', 'embed', 'tools'] as const),
      user: pick(random, users),
      question: `Question ${Math.floor(random() * 400)} of the soak?`,
      abortAfterMs: random() < 0.03 ? 1 + Math.floor(random() * 30) : undefined,
      index: done + i,
    }));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length) {
        const item = plan[next++];
        if (!item) return;
        const signal =
          item.abortAfterMs === undefined ? undefined : AbortSignal.timeout(item.abortAfterMs);
        const t0 = performance.now();
        try {
          const cost = await runOne(factory, item, signal);
          if (cost === 'hit') report.cacheHits++;
          else report.spendOfResultsUsd += cost;
          report.ok++;
        } catch (error) {
          outputs.push(inspect(error, { depth: 6 }), String((error as Error)?.message));
          if (signal?.aborted || (ProviderError.isInstance(error) && error.kind === 'aborted'))
            report.aborted++;
          else if (isBudgetRefusal(error)) report.budgetRefusals++;
          else if (StreamInterruptedError.isInstance(error)) report.streamsInterrupted++;
          else if (healthy === undefined) report.aborted++;
          else {
            report.unexpectedFailures++;
            if (failureSamples.length < 5)
              failureSamples.push(`${item.kind}: ${(error as Error)?.message?.slice(0, 300)}`);
          }
        }
        const latency = performance.now() - t0;
        report.maxLatencyMs = Math.max(report.maxLatencyMs, latency);
        if (latency > deadlineMs) report.pastDeadline++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // The first batch loads the SDKs and fills the bounded windows: the heap is measured after it.
    if (done === 0) heapStartMb = heapMb();
    options.log?.(`${done + size}/${requests} requests (concurrency ${concurrency})`);
  }

  const usage = await factory.getUsage();
  const daily = usage.scopes.filter((s) => s.period === 'daily');
  const overspentUsers = daily.filter(
    (s) => s.scope === 'user' && s.spentUsd > userLimitUsd + 1e-9,
  ).length;
  // The global daily limit's scope is named after its period.
  const spendRecordedUsd = daily.find((s) => s.scope === 'daily')?.spentUsd ?? 0;
  outputs.push(
    JSON.stringify(factory.getProviderStatus()),
    JSON.stringify(factory.getProviderMetrics()),
    (await factory.getPrometheusMetrics()).text,
    inspect(factory, { depth: 8 }),
    ...logs,
  );
  const secrets = Object.values(soakKeys);
  const secretsFound = outputs.filter((text) => secrets.some((key) => text.includes(key))).length;
  const callsAtFake = Object.fromEntries(vendors.map((v) => [v, fakes[v].count(v)]));
  await factory.close();
  await fake.close();
  process.off('unhandledRejection', onUnhandled);
  return {
    requests,
    seed,
    ...report,
    deadlineMs,
    unhandledRejections,
    overspentUsers,
    spendRecordedUsd,
    secretsFound,
    heapStartMb,
    heapEndMb: heapMb(),
    callsAtFake,
    attemptsReported: Object.fromEntries(
      vendors.map((v) => [v, (attemptsReported[v] ?? 0) - (refusedBeforeSending[v] ?? 0)]),
    ),
    failureSamples,
    durationMs: performance.now() - started,
  };
}

/** A budget refusal, alone or as one of the attempts (the others failed for their own reasons). */
function isBudgetRefusal(error: unknown): boolean {
  if (BudgetExceededError.isInstance(error)) return true;
  return (
    AllProvidersFailedError.isInstance(error) &&
    error.attempts.some(
      (a) =>
        BudgetExceededError.isInstance(a.error) ||
        BudgetExceededError.isInstance((a.error as { cause?: unknown } | undefined)?.cause),
    )
  );
}

/** One request of the mix; resolves with its cost (or 'hit' for a cache hit). */
async function runOne(
  factory: ProviderFactory,
  item: { kind: string; user: string; question: string },
  signal: AbortSignal | undefined,
): Promise<number | 'hit'> {
  const metadata = { userId: item.user };
  const llm = factory.getProvider();
  if (item.kind === 'embed') {
    const result = await llm.embed([item.question], { metadata, ...(signal && { signal }) });
    return result.costUsd ?? 0;
  }
  if (item.kind === 'stream') {
    let cost = 0;
    const options = { metadata, maxTokens: 64, ...(signal && { signal }) };
    for await (const event of llm.stream(item.question, options))
      if (event.type === 'finish') cost = event.costUsd ?? 0;
    return cost;
  }
  const request: ChatRequest = {
    messages: [{ role: 'user', content: item.question }],
    metadata,
    maxTokens: 64,
  };
  if (item.kind === 'tools')
    request.tools = [
      {
        name: 'lookup',
        description: 'Looks a word up',
        parameters: { type: 'object', properties: { word: { type: 'string' } } },
      },
    ];
  const result = await llm.invoke(request, signal ? { signal } : {});
  return result.cached ? 'hit' : (result.costUsd ?? 0);
}
