import { randomUUID } from 'node:crypto';
import {
  BudgetExceededError,
  type BudgetDenial,
  type BudgetGuard,
  formatUsd,
  ProviderError,
  type RateLimitConfig,
  type ReserveLimit,
  type Store,
} from '@modelmux/core';
import type { BudgetsOptions, OnStoreError } from './budget-options.js';
import type {
  BudgetUsage,
  Budgets,
  Reservation,
  ReserveInput,
  ScopeUsage,
  UsageFilter,
} from './budgets-types.js';
import { BudgetLimits, type ScopedLimit } from './budget-limits.js';
import { memoryStore } from './memory-store.js';
import { PeriodClock } from './periods.js';

interface ViewEntry {
  limit: ScopedLimit;
  spent: number;
  reserved: number;
}

interface PendingSettle {
  id: string;
  amount: number;
  limits: ReserveLimit[];
}

/** Seen user and tag counters kept in the local view (least recently used dropped first). */
const maxViewEntries = 2_000;
const maxPendingSettles = 10_000;
/** The default error reporter: store failures show in `getUsage().store.reachable`. */
const ignore = (): void => undefined;
const noopReservation = (provider: string): Reservation => ({
  id: '',
  provider,
  amountUsd: 0,
  settle: () => Promise.resolve(),
  release: () => Promise.resolve(),
});

/** Whose limit it is, for messages: a user, a tag, a provider, or every provider (a global limit). */
function whose(limit: ScopedLimit): string {
  if (limit.userId !== undefined) return `user "${limit.userId}"`;
  if (limit.tag !== undefined) return `tag "${limit.tag}"`;
  return limit.provider !== undefined ? `provider "${limit.provider}"` : 'all providers';
}

function denial(limit: ScopedLimit, used: number): BudgetDenial {
  return {
    reason:
      `${limit.period} ${limit.scope === limit.period ? '' : `${limit.scope} `}budget of ` +
      `${whose(limit)}: ${formatUsd(used)} of ${formatUsd(limit.limit)} used, ` +
      `resets ${new Date(limit.resetsAt).toISOString()}`,
    scope: limit.scope,
    limitUsd: limit.limit,
    spentUsd: used,
    resetsAt: limit.resetsAt,
    ...(limit.period !== 'request' && { period: limit.period }),
    ...(limit.provider !== undefined && { provider: limit.provider }),
    ...(limit.userId !== undefined && { userId: limit.userId }),
    ...(limit.tag !== undefined && { tag: limit.tag }),
  };
}

function exceeded(limit: ScopedLimit, used: number, predicted: number | undefined) {
  return new BudgetExceededError({
    scope: limit.scope,
    period: limit.period,
    limitUsd: limit.limit,
    spentUsd: used,
    predictedUsd: predicted,
    resetsAt: limit.resetsAt,
    ...(limit.provider !== undefined ? { provider: limit.provider } : {}),
    ...(limit.userId !== undefined ? { userId: limit.userId } : {}),
    ...(limit.tag !== undefined ? { tag: limit.tag } : {}),
  });
}

/** Waits `ms`; rejects with the caller's abort reason, or `closed()` when `closing` aborts first. */
function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  closing: AbortSignal,
  closed: () => unknown,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (closing.aborted) return reject(closed());
    const stop = (error: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      closing.removeEventListener('abort', onClose);
      reject(error);
    };
    const onAbort = () => stop(signal?.reason);
    const onClose = () => stop(closed());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      closing.removeEventListener('abort', onClose);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    closing.addEventListener('abort', onClose, { once: true });
  });
}

/**
 * Budgets with reservation semantics over a `Store`: reserve the predicted cost before a call,
 * settle the actual cost after, so N concurrent requests (in one process or a fleet sharing
 * Redis) cannot jointly pass a limit. Periods reset on calendar boundaries in `timeZone`.
 *
 * @example
 * const budgets = createBudgets({ dailyCostLimit: 5, costLimitPerUser: { daily: 0.5 } });
 * const hold = await budgets.reserve({ provider: 'openai', predictedCostUsd: 0.01, metadata });
 * try { const res = await provider.generate(request); await hold.settle(res.costUsd ?? 0.01); }
 * catch (error) { await hold.release(); throw error; }
 */
export function createBudgets(options: BudgetsOptions = {}): Budgets {
  const now = options.now ?? Date.now;
  const ownsStore = options.store === undefined;
  const store: Store = options.store ?? memoryStore({ now });
  const clock = new PeriodClock(options.timeZone);
  const limits = new BudgetLimits(options, clock);
  const onStoreError: OnStoreError = options.onStoreError ?? 'fail-closed';
  const holdMs = options.holdMs ?? 10 * 60_000;
  const refreshMs = options.refreshMs ?? 1_000;
  const rateLimits: Record<string, RateLimitConfig> = options.rateLimits ?? {};
  const report = options.onError ?? ignore;

  const view = new Map<string, ViewEntry>();
  /** Until when a provider's rpm / tpm window is known to be full (from a refused take). */
  const blocked = new Map<string, { until: number; unit: 'rpm' | 'tpm'; limit: number }>();
  const pending: PendingSettle[] = [];
  let reachable = true;
  /** True once the view dropped a counter (more than `maxViewEntries` seen): usage is partial. */
  let truncated = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let refreshing: Promise<void> | undefined;
  let closed = false;
  /** Aborted by `close()`: requests waiting for rate-limit room stop waiting at once. */
  const closing = new AbortController();

  const startTimer = () => {
    if (timer || closed || refreshMs <= 0) return;
    timer = setInterval(() => void refresh(), refreshMs);
    timer.unref?.();
  };

  function remember(limit: ScopedLimit, spent: number, reserved: number): void {
    const entry = view.get(limit.key);
    if (entry) {
      view.delete(limit.key); // re-insert: most recently used last
      entry.spent = spent;
      entry.reserved = reserved;
      view.set(limit.key, entry);
    } else {
      view.set(limit.key, { limit, spent, reserved });
      const oldest = view.size > maxViewEntries ? view.keys().next().value : undefined;
      if (oldest !== undefined) {
        view.delete(oldest);
        truncated = true;
      }
    }
  }

  function storeFailed(error: unknown): void {
    reachable = false;
    report(error);
  }

  async function flushPending(): Promise<void> {
    for (let next = pending[0]; next !== undefined; next = pending[0]) {
      await store.settle(next.id, next.amount, next.limits);
      pending.shift();
    }
  }

  async function refresh(): Promise<void> {
    if (refreshing) return refreshing;
    refreshing = (async () => {
      try {
        await flushPending();
        const at = now();
        for (const [key, entry] of view) if (entry.limit.resetsAt <= at) view.delete(key);
        const wanted = new Map<string, ScopedLimit>();
        for (const limit of limits.fixed(Object.keys(options.costLimitPerRequest ?? {}), at))
          wanted.set(limit.key, limit);
        for (const [key, entry] of view) wanted.set(key, entry.limit);
        const list = [...wanted.values()];
        if (list.length) {
          const counters = await store.readBudgets(
            list.map((l) => l.key),
            at,
          );
          list.forEach((limit, i) => {
            const counter = itemAt(counters, i);
            remember(limit, counter.spent, counter.reserved);
          });
        }
        reachable = true;
      } catch (error) {
        storeFailed(error);
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  }

  function queueSettle(settle: PendingSettle): void {
    if (pending.length >= maxPendingSettles) {
      report(new Error(`budgets: ${maxPendingSettles} settles pending; dropping the oldest`));
      pending.shift();
    }
    pending.push(settle);
  }

  async function takeRate(input: ReserveInput): Promise<void> {
    const config = rateLimits[input.provider];
    if (!config) return;
    const checks: { unit: 'rpm' | 'tpm'; limit: number; cost: number }[] = [];
    if (config.rpm !== undefined) checks.push({ unit: 'rpm', limit: config.rpm, cost: 1 });
    if (config.tpm !== undefined)
      checks.push({
        unit: 'tpm',
        limit: config.tpm,
        cost: (input.inputTokens ?? 0) + (input.outputTokens ?? 0),
      });
    for (const check of checks) {
      if (check.cost <= 0) continue;
      let waited = 0;
      for (;;) {
        const at = now();
        let result;
        try {
          result = await store.take(
            `rate:${check.unit}:${input.provider}`,
            check.cost,
            check.limit,
            60_000,
            at,
          );
          reachable = true;
        } catch (error) {
          storeFailed(error);
          if (onStoreError === 'fail-open') break;
          throw new BudgetExceededError({
            scope: 'store',
            limitUsd: 0,
            provider: input.provider,
            message: `The budget store (${store.kind}) is unreachable, so the ${check.unit} limit of provider "${input.provider}" cannot be checked (onStoreError: 'fail-closed')`,
            cause: error,
          });
        }
        if (result.ok) {
          blocked.delete(`${input.provider}:${check.unit}`);
          break;
        }
        const maxWait = config.maxWaitMs ?? 0;
        if (waited + result.retryAfterMs <= maxWait) {
          await sleep(result.retryAfterMs, input.signal, closing.signal, () =>
            closedWhileWaiting(input, check.unit),
          );
          waited += result.retryAfterMs;
          continue;
        }
        blocked.set(`${input.provider}:${check.unit}`, {
          until: at + result.retryAfterMs,
          unit: check.unit,
          limit: check.limit,
        });
        throw new ProviderError({
          kind: 'rate_limit',
          provider: input.provider,
          ...(input.model !== undefined ? { model: input.model } : {}),
          retryAfterMs: result.retryAfterMs,
          message: `Client-side ${check.unit} limit of ${check.limit} for provider "${input.provider}" reached; room again in ${result.retryAfterMs}ms`,
        });
      }
    }
  }

  async function reserve(input: ReserveInput): Promise<Reservation> {
    if (closed) throw new Error('budgets are closed');
    const predicted = input.predictedCostUsd;
    const perRequest = limits.perRequest[input.provider];
    if (perRequest !== undefined && predicted !== undefined && predicted > perRequest)
      throw new BudgetExceededError({
        scope: 'request',
        provider: input.provider,
        limitUsd: perRequest,
        predictedUsd: predicted,
      });
    await takeRate(input);
    const at = now();
    const scoped = limits.resolve(input.provider, input.metadata, at);
    if (!scoped.length) return noopReservation(input.provider);
    startTimer();
    const id = randomUUID();
    const amount = predicted ?? 0;
    const storeLimits: ReserveLimit[] = scoped.map((l) => ({
      key: l.key,
      limit: l.limit,
      ttlMs: l.ttlMs,
    }));
    let held = true;
    try {
      const result = await store.reserve({ id, amount, limits: storeLimits, holdMs, now: at });
      reachable = true;
      if (!result.ok) {
        const limit = scoped.find((l) => l.key === result.key) ?? itemAt(scoped, 0);
        remember(limit, result.used, 0);
        throw exceeded(limit, result.used, predicted);
      }
      scoped.forEach((limit, i) => {
        const counter = itemAt(result.counters, i);
        remember(limit, counter.spent, counter.reserved);
      });
    } catch (error) {
      if (BudgetExceededError.isInstance(error)) throw error;
      storeFailed(error);
      if (onStoreError === 'fail-closed') {
        // The call may still have run on the server after our timeout: release it if so.
        void store.settle(id, 0).catch(report);
        const first = itemAt(scoped, 0);
        throw new BudgetExceededError({
          scope: 'store',
          limitUsd: first.limit,
          provider: input.provider,
          predictedUsd: predicted,
          message: `The budget store (${store.kind}) is unreachable, so no budget can be reserved for provider "${input.provider}" (onStoreError: 'fail-closed'); it recovers on its own when the store is back`,
          cause: error,
        });
      }
      held = false; // fail-open: the store never saw it; the settle charges the counters directly
    }
    let settled = false;
    const settle = async (actual: number) => {
      if (settled) return;
      settled = true;
      const value = Number.isFinite(actual) && actual > 0 ? actual : 0;
      for (const limit of scoped) {
        const entry = view.get(limit.key);
        if (entry) {
          entry.spent += value;
          if (held) entry.reserved = Math.max(0, entry.reserved - amount);
        }
      }
      if (!held && value === 0) return;
      const job = { id, amount: value, limits: storeLimits };
      try {
        if (pending.length) throw new Error('earlier settles are pending');
        await store.settle(id, value, storeLimits);
      } catch (error) {
        if (!(error instanceof Error && error.message === 'earlier settles are pending'))
          storeFailed(error);
        queueSettle(job);
        startTimer();
      }
    };
    return { id, provider: input.provider, amountUsd: amount, settle, release: () => settle(0) };
  }

  const guard: BudgetGuard = {
    check(provider, predictedCostUsd, metadata) {
      const at = now();
      const perRequest = limits.perRequest[provider];
      if (
        perRequest !== undefined &&
        predictedCostUsd !== undefined &&
        predictedCostUsd > perRequest
      )
        return {
          reason: `predicted ${formatUsd(predictedCostUsd)} is over the per-request limit of ${formatUsd(perRequest)} of provider "${provider}"`,
          scope: 'request',
          provider,
          limitUsd: perRequest,
          spentUsd: 0,
          resetsAt: undefined,
        };
      for (const unit of ['rpm', 'tpm'] as const) {
        const block = blocked.get(`${provider}:${unit}`);
        if (block && block.until > at)
          return {
            reason: `client-side ${unit} limit of ${block.limit} for provider "${provider}" reached; room again in ${block.until - at}ms`,
            scope: unit,
            provider,
            limitUsd: 0,
            spentUsd: 0,
            resetsAt: block.until,
            rateLimit: {
              unit: unit === 'rpm' ? 'requests' : 'tokens',
              limit: block.limit,
              used: block.limit,
            },
          };
      }
      if (!limits.any) return undefined;
      if (!reachable && onStoreError === 'fail-closed')
        return {
          reason: `budget store (${store.kind}) unreachable; budgets fail closed until it is back`,
          scope: 'store',
          limitUsd: 0,
          spentUsd: 0,
          resetsAt: undefined,
        };
      startTimer();
      for (const limit of limits.resolve(provider, metadata, at)) {
        const entry = view.get(limit.key);
        if (!entry) {
          remember(limit, 0, 0); // unknown yet: allowed; the next refresh reads it
          continue;
        }
        const used = entry.spent + entry.reserved;
        if (
          predictedCostUsd === undefined
            ? used >= limit.limit
            : used + predictedCostUsd > limit.limit + 1e-12
        )
          return denial(limit, used);
      }
      return undefined;
    },
  };

  /** One user's or tag's counters, read from the store (the view's figures when it is unreachable). */
  async function usageOf(filter: UsageFilter, at: number): Promise<ViewEntry[]> {
    const wanted = limits
      .resolve(
        '',
        { userId: filter.userId, tags: filter.tag !== undefined ? [filter.tag] : [] },
        at,
      )
      .filter((l) =>
        filter.userId !== undefined ? l.userId === filter.userId : l.tag === filter.tag,
      );
    if (!wanted.length) return [];
    try {
      const counters = await store.readBudgets(
        wanted.map((l) => l.key),
        at,
      );
      reachable = true;
      return wanted.map((limit, i) => ({ limit, ...itemAt(counters, i) }));
    } catch (error) {
      storeFailed(error);
      return wanted.map((limit) => view.get(limit.key) ?? { limit, spent: 0, reserved: 0 });
    }
  }

  async function getUsage(filter?: UsageFilter): Promise<BudgetUsage> {
    const one = filter?.userId !== undefined || filter?.tag !== undefined;
    if (!one) await refresh();
    const at = now();
    const entries = one && filter ? await usageOf(filter, at) : [...view.values()];
    const scopes: ScopeUsage[] = [];
    for (const { limit, spent, reserved } of entries) {
      if (limit.resetsAt <= at) continue;
      scopes.push({
        scope: limit.scope,
        period: limit.period,
        ...(limit.provider !== undefined ? { provider: limit.provider } : {}),
        ...(limit.userId !== undefined ? { userId: limit.userId } : {}),
        ...(limit.tag !== undefined ? { tag: limit.tag } : {}),
        limitUsd: limit.limit,
        spentUsd: spent,
        reservedUsd: reserved,
        remainingUsd: Math.max(0, limit.limit - spent - reserved),
        resetsAt: limit.resetsAt,
      });
    }
    return {
      scopes,
      store: { kind: store.kind, reachable, onStoreError },
      pendingSettles: pending.length,
      truncated: !one && truncated,
    };
  }

  return {
    reserve,
    hasCostLimit: (provider, metadata) =>
      limits.perRequest[provider] !== undefined ||
      limits.resolve(provider, metadata, now()).length > 0,
    guard,
    getUsage,
    refresh,
    async close() {
      if (closed) return;
      closed = true;
      closing.abort();
      if (timer) clearInterval(timer);
      try {
        await flushPending();
      } catch (error) {
        report(error);
      }
      if (ownsStore) await store.close();
    },
  };
}

/** The refusal of a request that was waiting for rate-limit room when the budgets closed. */
function closedWhileWaiting(input: ReserveInput, unit: 'rpm' | 'tpm'): ProviderError {
  return new ProviderError({
    kind: 'aborted',
    provider: input.provider,
    ...(input.model !== undefined ? { model: input.model } : {}),
    message: `The budgets were closed while this request was waiting for ${unit} room on provider "${input.provider}" (factory.close() during shutdown)`,
  });
}

/** `items[i]`, or a `RangeError` (a store that answered fewer counters than it was asked for). */
function itemAt<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`expected an entry at ${i} of ${items.length}`);
  return item;
}
