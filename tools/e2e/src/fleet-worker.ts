// One process of the fleet tests (fleet.e2e.test.ts): budgets and the shared provider state on
// one Redis, the real @modelmux/openai adapter (official SDK) against the parent's fake server.
// Driven over IPC: { id, type: 'init' | 'run' | 'status' | 'close', ... } → { id, ...reply }.
import { createBudgets, sharedProviderState, type Budgets } from '@modelmux/budgets';
import { BudgetExceededError, type Store } from '@modelmux/core';
import { createOpenAI } from '@modelmux/openai';
import { redisStore } from '@modelmux/redis';
import { createFallbackExecutor, type FallbackExecutor } from '@modelmux/resilience';
import {
  model,
  predictedUsd,
  request,
  type WorkerInit,
  type WorkerOutcome,
} from './fleet-shared.js';

/** Generous for a CI machine whose 2 cores run 4 workers, the fakes and Redis at once. */
export const storeTimeoutMs = 1_000;

let store: Store;
let budgets: Budgets;
let shared: ReturnType<typeof sharedProviderState>;
let executor: FallbackExecutor;

async function one(): Promise<WorkerOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let hold;
  try {
    hold = await budgets.reserve({ provider: 'openai', model, predictedCostUsd: predictedUsd });
  } catch (error) {
    return {
      kind: 'refused',
      error: (error as Error).name,
      ...(BudgetExceededError.isInstance(error) ? { scope: error.scope } : {}),
      ms: ms(),
    };
  }
  try {
    const result = await executor.generate([openai()], request);
    const cost = result.costUsd ?? predictedUsd;
    await hold.settle(cost);
    return { kind: 'ok', costUsd: cost, ms: ms() };
  } catch (error) {
    await hold.release();
    return { kind: 'failed', error: (error as Error).name, ms: ms() };
  }
}

let provider: ReturnType<typeof createOpenAI> | undefined;
let init: WorkerInit;
const openai = () =>
  (provider ??= createOpenAI({
    apiKey: 'sk-e2e-fleet-0123456789abcdef',
    baseURL: init.openaiBaseURL,
    model,
  }));

async function handle(message: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (message['type']) {
    case 'init': {
      init = message['init'] as WorkerInit;
      store = redisStore({ url: init.redisUrl, prefix: init.prefix, timeoutMs: storeTimeoutMs });
      budgets = createBudgets({ store, dailyCostLimit: init.dailyCostLimitUsd, refreshMs: 200 });
      // A long refresh: a mark reaching this process proves the pub/sub path.
      shared = sharedProviderState(store, { providers: ['openai'], refreshMs: 60_000 });
      await shared.ready;
      executor = createFallbackExecutor({
        store: shared,
        maxRetries: 0,
        breaker: false,
        timeoutMs: 5_000,
      });
      return {};
    }
    case 'run': {
      const count = message['count'] as number;
      const concurrency = message['concurrency'] as number;
      const outcomes: WorkerOutcome[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) {
            next++;
            outcomes.push(await one());
          }
        }),
      );
      return { outcomes };
    }
    case 'status': {
      await budgets.refresh();
      const usage = await budgets.getUsage();
      return {
        coolDownUntil: shared.get('openai')?.coolDownUntil ?? 0,
        reachable: usage.store.reachable,
        pendingSettles: usage.pendingSettles,
      };
    }
    case 'close': {
      await budgets.close();
      await shared.close();
      await store.close();
      return {};
    }
    default:
      throw new Error(`unknown message ${String(message['type'])}`);
  }
}

process.on('message', (message: Record<string, unknown>) => {
  handle(message).then(
    (reply) => process.send?.({ id: message['id'], ...reply }),
    (error: unknown) => process.send?.({ id: message['id'], error: String(error) }),
  );
});
process.send?.({ id: 0, ready: true });
