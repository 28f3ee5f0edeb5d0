import { describe, expect, inject, test } from 'vitest';
import { redisStore } from './redis-store.js';

const url = inject('redisUrl');
const password = 'hunter2-not-a-real-password';

function texts(errors: unknown[]): string {
  return errors
    .flatMap((e) => [e, (e as Error | undefined)?.cause])
    .map((e) => `${String((e as Error | undefined)?.message)} ${String(e)}`)
    .join('\n');
}

describe('the Redis password never appears in errors', () => {
  test.runIf(url !== '')('a server without auth (needs redis-server)', async () => {
    const reported: unknown[] = [];
    // This server has no password: Redis answers "ERR AUTH <password> called without any password…".
    const store = redisStore({
      url: url.replace('redis://', `redis://:${password}@`),
      timeoutMs: 500,
      onError: (e) => reported.push(e),
    });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    await store.close();
    expect(texts(reported)).not.toContain(password);
  });

  // Needs no redis-server: nothing listens on port 1.
  test('a server that is not there', async () => {
    const reported: unknown[] = [];
    const gone = redisStore({
      url: `redis://:${password}@127.0.0.1:1`,
      timeoutMs: 100,
      onError: (e) => reported.push(e),
    });
    const failed = await gone.get('k').then(
      () => undefined,
      (e: unknown) => e,
    );
    await gone.close();
    expect(failed).toMatchObject({ name: 'RedisStoreError' });
    expect(texts([failed, ...reported])).not.toContain(password);
  });
});
