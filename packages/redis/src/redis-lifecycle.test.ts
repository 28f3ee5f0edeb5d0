import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { redisStore, RedisStoreError } from './redis-store.js';
import { startRedisServer, type RedisServer } from './testing/redis-server.js';

const available = inject('redisUrl') !== '';

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('redisStore lifecycle', () => {
  test('with Redis unreachable, the process exits promptly after close() (no 2 s disconnect timer)', async () => {
    const port = await unusedPort();
    const fixture = fileURLToPath(new URL('./__fixtures__/close-unreachable.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@modelmux/source', fixture, String(port)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let closedAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /closed (\d+)/.exec(chunk.toString());
      if (match) closedAt = Number(match[1]);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const exitedAt = Date.now();
    expect(code).toBe(0);
    expect(closedAt).toBeGreaterThan(0);
    expect(exitedAt - closedAt).toBeLessThan(600);
  }, 20_000);

  test('close() releases calls still waiting for the connection, at once and typed', async () => {
    const store = redisStore({ url: `redis://127.0.0.1:${await unusedPort()}`, timeoutMs: 5_000 });
    const started = performance.now();
    const waiting = store.get('k');
    await store.close();
    await expect(waiting).rejects.toBeInstanceOf(RedisStoreError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe.runIf(available)('redisStore before it connects', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  test('50 calls started before the connection is ready: no MaxListenersExceededWarning, all answered', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const store = redisStore({ url: server.url, prefix: 'early:', timeoutMs: 2_000 });
    try {
      const values = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.increment('n', 1, 60_000).then(() => i)),
      );
      expect(values).toHaveLength(50);
      expect(Number(await store.get('n'))).toBe(50);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await store.close();
    }
  });
});
