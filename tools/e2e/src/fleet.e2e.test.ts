// Fleet tests: 4 child processes share one real redis-server (budgets, rate-limit cool-downs)
// and send requests through the real @modelmux/openai adapter to the fake vendor server in
// this process, where every request that reached the wire is counted.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBudgets } from '@modelmux/budgets';
import { redisStore } from '@modelmux/redis';
import { requireRedisServer, startRedisServer, type RedisServer } from '@modelmux/redis/testing';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { predictedUsd, type WorkerInit, type WorkerOutcome } from './fleet-shared.js';

const here = dirname(fileURLToPath(import.meta.url));
const installed = requireRedisServer('the fleet tests');

/** One worker process, with request/response over IPC. */
class Worker {
  private readonly child: ChildProcess;
  private next = 1;
  private readonly waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  readonly started: Promise<void>;

  constructor(readonly name: string) {
    this.child = fork(join(here, 'fleet-worker.ts'), [], {
      execArgv: ['--import', 'tsx', '--conditions=@modelmux/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.started = new Promise((resolve) => {
      this.child.on('message', (message: Record<string, unknown>) => {
        if (message['id'] === 0) return resolve();
        this.waiting.get(message['id'] as number)?.(message);
      });
    });
  }

  async send(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    await this.started;
    const id = this.next++;
    const reply = await new Promise<Record<string, unknown>>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, ...message });
    });
    this.waiting.delete(id);
    if (reply['error']) throw new Error(`${this.name}: ${String(reply['error'])}`);
    return reply;
  }

  async run(count: number, concurrency: number): Promise<WorkerOutcome[]> {
    return (await this.send({ type: 'run', count, concurrency }))['outcomes'] as WorkerOutcome[];
  }

  async stop(): Promise<void> {
    await this.send({ type: 'close' }).catch(() => undefined);
    this.child.kill();
  }
}

const okReply = { reply: { text: 'Paris.', usage: { inputTokens: 20, outputTokens: 3 } } };

describe.runIf(installed)('a fleet of 4 processes sharing one Redis', () => {
  let server: RedisServer;
  let dir: string;
  let fake: FakeProviders;
  let workers: Worker[];
  let test_ = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelmux-fleet-'));
    [server, fake] = await Promise.all([
      startRedisServer({ persistDir: dir }),
      startFakeProviders(),
    ]);
    workers = ['A', 'B', 'C', 'D'].map((name) => new Worker(name));
    await Promise.all(workers.map((w) => w.started));
  }, 60_000);
  afterAll(async () => {
    await Promise.all((workers ?? []).map((w) => w.stop()));
    await fake?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each test starts the workers on a fresh key prefix (a fresh budget and fresh marks). */
  async function initAll(dailyCostLimitUsd: number): Promise<string> {
    const prefix = `fleet${++test_}-${Date.now()}:`;
    const init: WorkerInit = {
      redisUrl: server.url,
      prefix,
      openaiBaseURL: fake.baseURL.openai,
      dailyCostLimitUsd,
    };
    await Promise.all(workers.map((w) => w.send({ type: 'init', init })));
    return prefix;
  }

  async function recordedSpend(prefix: string, limit: number): Promise<number> {
    const store = redisStore({ url: server.url, prefix });
    const budgets = createBudgets({ store, dailyCostLimit: limit, refreshMs: 0 });
    const usage = await budgets.getUsage();
    await budgets.close();
    await store.close();
    const scope = usage.scopes.find((s) => s.scope === 'daily' && s.provider === undefined);
    expect(scope?.reservedUsd).toBe(0);
    return scope?.spentUsd ?? 0;
  }

  beforeEach(() => {
    fake.reset();
    fake.script(
      'openai',
      Array.from({ length: 200 }, () => okReply),
    );
  });

  test('concurrent requests never pass one daily budget together; every refusal is BudgetExceededError', async () => {
    const limit = predictedUsd * 30;
    const prefix = await initAll(limit);
    const outcomes = (await Promise.all(workers.map((w) => w.run(25, 5)))).flat();
    const ok = outcomes.filter((o) => o.kind === 'ok');
    const refused = outcomes.filter((o) => o.kind !== 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(30);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused)
      expect(r).toMatchObject({
        kind: 'refused',
        error: 'ModelmuxBudgetExceededError',
        scope: 'daily',
      });
    const spent = ok.reduce((sum, o) => sum + (o.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(await recordedSpend(prefix, limit)).toBeCloseTo(spent, 12);
    expect(fake.count('openai')).toBe(ok.length); // a refused request never reached the wire
  });

  test('a 429 with retry-after seen by A keeps B–D away from that provider until it passes', async () => {
    await initAll(1_000);
    const [a, ...others] = workers as [Worker, Worker, Worker, Worker];
    fake.reset();
    fake.script('openai', [{ status: 429, retryAfter: 1 }, okReply, okReply, okReply]);
    const [first] = await a.run(1, 1);
    expect(first).toMatchObject({ kind: 'failed', error: 'ModelmuxAllProvidersFailedError' });
    // The mark reaches B–D through pub/sub (their periodic refresh is 60 s).
    let until = 0;
    await vi.waitFor(async () => {
      for (const w of others) {
        until = (await w.send({ type: 'status' }))['coolDownUntil'] as number;
        expect(until).toBeGreaterThan(Date.now());
      }
    });
    const during = (await Promise.all(others.map((w) => w.run(3, 3)))).flat();
    expect(
      during.every((o) => o.kind === 'failed' && o.error === 'ModelmuxNoProviderAvailableError'),
    ).toBe(true);
    expect(fake.count('openai')).toBe(1); // only A's request
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now() + 20)));
    const after = (await Promise.all(others.map((w) => w.run(1, 1)))).flat();
    expect(after.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(fake.count('openai')).toBe(4);
  });

  test('Redis stopped mid-run: no hang, no overspend, and recovery without restarting the processes', async () => {
    const limit = predictedUsd * 40;
    const prefix = await initAll(limit);
    const before = (await Promise.all(workers.map((w) => w.run(4, 2)))).flat();
    expect(before.every((o) => o.kind === 'ok')).toBe(true);

    await server.stop();
    const down = (await Promise.all(workers.map((w) => w.run(4, 2)))).flat();
    for (const o of down) {
      expect(o).toMatchObject({
        kind: 'refused',
        error: 'ModelmuxBudgetExceededError',
        scope: 'store',
      });
      expect(o.ms).toBeLessThan(3_000); // the 1 s store timeout: fails fast, never hangs
    }

    await server.start();
    await vi.waitFor(
      async () => {
        for (const w of workers) expect((await w.send({ type: 'status' }))['reachable']).toBe(true);
      },
      { timeout: 15_000, interval: 200 },
    );
    const after = (await Promise.all(workers.map((w) => w.run(12, 3)))).flat();
    const ok = [...before, ...after].filter((o) => o.kind === 'ok');
    expect(after.filter((o) => o.kind === 'ok').length).toBeGreaterThan(0);
    for (const o of after.filter((x) => x.kind !== 'ok'))
      expect(o).toMatchObject({
        kind: 'refused',
        error: 'ModelmuxBudgetExceededError',
        scope: 'daily',
      });
    const spent = ok.reduce((sum, o) => sum + (o.costUsd ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(await recordedSpend(prefix, limit)).toBeCloseTo(spent, 12);
    expect(fake.count('openai')).toBe(ok.length);
  }, 60_000);
});
