// `store: { type: 'redis' }` in the config: @modelmux/redis is imported on demand and shared by
// two factories (two "processes"): the response cache, budgets and a 429's cool-down. A real
// redis-server is started for the test (the Debian package): without it these tests fail under CI
// and are skipped locally with one note (requireRedisServer); the install-hint test needs none.
import { requireRedisServer, startRedisServer, type RedisServer } from '@modelmux/redis/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  type FakeProviders,
  fastBackoff,
  providersFor,
  startFakeProviders,
} from '../__fixtures__/e2e.js';
import { AdapterNotInstalledError, ProviderFactory } from '../index.js';

const withRedis = requireRedisServer("modelmux's Redis store e2e tests");
let fake: FakeProviders;
let redis: RedisServer | undefined;
const factories: ProviderFactory[] = [];
const make = (...args: ConstructorParameters<typeof ProviderFactory>) => {
  const factory = new ProviderFactory(args[0], { backoff: fastBackoff, ...args[1] });
  factories.push(factory);
  return factory;
};

beforeAll(async () => {
  fake = await startFakeProviders();
  if (withRedis) redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(factories.splice(0).map((f) => f.close()));
  fake.reset();
});
afterAll(async () => {
  await fake.close();
  await redis?.stop();
});

/** The running server's URL (only called inside the Redis-only describe). */
const redisUrl = (): string => {
  if (!redis) throw new Error('redis-server was not started');
  return redis.url;
};

describe.runIf(withRedis)("store: { type: 'redis' } (needs redis-server)", () => {
  test('two factories on one Redis share the cache and the daily budget', async () => {
    const prefix = `mm-e2e-${Date.now()}:`;
    const config = () => ({
      providers: providersFor(fake, ['openai']),
      store: { type: 'redis' as const, url: redisUrl(), prefix },
      cache: { shared: true },
      dailyCostLimit: 1,
    });
    const a = make(config());
    const b = make(config());
    const first = await a.getProvider().invoke('What is RAG?');
    const hit = await b.getProvider().invoke('What is RAG?');
    expect(hit).toMatchObject({ cached: true, costUsd: 0, text: first.text });
    expect(fake.count('openai')).toBe(1);

    const usage = await b.getUsage();
    expect(usage.store).toMatchObject({ kind: 'redis', reachable: true });
    const daily = usage.scopes.find((s) => s.period === 'daily');
    expect(daily?.spentUsd).toBeCloseTo(first.costUsd as number, 9);
  });

  test('a 429 seen by one factory: the other sends nothing to that provider until its retry-after', async () => {
    const prefix = `mm-e2e-429-${Date.now()}:`;
    const config = () => ({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      store: { type: 'redis' as const, url: redisUrl(), prefix },
    });
    const a = make(config());
    const b = make(config());
    // B is warmed up (subscribed) before A meets the 429.
    await b.getProvider().invoke('Warm up');
    expect(fake.count('openai')).toBe(1);

    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const fromA = await a.getProvider().invoke('What is RAG?');
    expect(fromA.provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(2);

    // The cool-down reaches B through the store (pub/sub, or its periodic refresh).
    await expect.poll(() => b.getAvailability()['openai'], { timeout: 5_000 }).toBe(false);
    for (let i = 0; i < 3; i++) {
      const fromB = await b.getProvider().invoke(`Question ${i}`);
      expect(fromB.provider).toBe('anthropic');
    }
    expect(fake.count('openai')).toBe(2);
  });
});

// Needs no redis-server: the store is never reached, the import of @modelmux/redis fails first.
describe("store: { type: 'redis' } without the package", () => {
  test('without @modelmux/redis installed: the npm install hint', async () => {
    const factory = make(
      {
        providers: providersFor(fake, ['openai']),
        store: { type: 'redis', url: 'redis://127.0.0.1:1' },
        dailyCostLimit: 1,
      },
      {
        importPackage: (specifier) =>
          specifier === '@modelmux/redis'
            ? Promise.reject(new Error(`Cannot find package '${specifier}' imported from x`))
            : import(specifier),
      },
    );
    const error = await factory
      .getProvider()
      .invoke('Hi')
      .catch((e: unknown) => e);
    const messages = JSON.stringify(error, Object.getOwnPropertyNames(error as object));
    expect(
      AdapterNotInstalledError.isInstance(error) ||
        messages.includes('npm install @modelmux/redis'),
    ).toBe(true);
  });
});
