// Events, the status handler over real HTTP, and fromEnv, end to end on the fakes.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@modelmux/core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createStatusHandler, type FactoryEvents, ProviderFactory } from '../index.js';
import {
  type FakeProviders,
  fastBackoff,
  keys,
  manualClock,
  providersFor,
  startFakeProviders,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const factories: ProviderFactory[] = [];
const servers: Server[] = [];
const make = (...args: ConstructorParameters<typeof ProviderFactory>) => {
  const factory = new ProviderFactory(args[0], { backoff: fastBackoff, ...args[1] });
  factories.push(factory);
  return factory;
};

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(factories.splice(0).map((f) => f.close()));
  fake.reset();
});
afterAll(() => fake.close());

const pair = () => ({
  primaryProvider: 'openai',
  fallbackProviders: ['anthropic'],
  providers: providersFor(fake, ['openai', 'anthropic']),
});

describe('events', () => {
  test('attempt, retry, fallback, cool-down, success and failure, in order; off() stops them', async () => {
    const factory = make({ ...pair(), maxRetries: 1 });
    const seen: string[] = [];
    const record =
      <E extends keyof FactoryEvents>(name: E, describe: (e: FactoryEvents[E]) => string) =>
      (event: FactoryEvents[E]) =>
        seen.push(`${name}:${describe(event)}`);
    const offs = [
      factory.on(
        'attempt',
        record('attempt', (e) => e.provider),
      ),
      factory.on(
        'retry',
        record('retry', (e) => `${e.provider}:${e.kind}`),
      ),
      factory.on(
        'fallback',
        record('fallback', (e) => `${e.from}->${e.to}:${e.kind}`),
      ),
      factory.on(
        'cool-down',
        record('cool-down', (e) => `${e.provider}:${e.retryAfterMs}`),
      ),
      factory.on(
        'success',
        record('success', (e) => e.provider),
      ),
      factory.on(
        'failure',
        record('failure', (e) => `${e.provider}:${e.kind}`),
      ),
    ];
    fake.script('openai', [{ status: 429, retryAfter: 5 }]);
    await factory.getProvider().invoke('Hi');
    expect(seen).toEqual([
      'attempt:openai',
      'cool-down:openai:5000',
      'failure:openai:rate_limit',
      'fallback:openai->anthropic:rate_limit',
      'attempt:anthropic',
      'success:anthropic',
    ]);

    // Retries show on the last usable provider.
    seen.length = 0;
    fake.script('anthropic', [{ status: 500 }]);
    await factory.getProvider().invoke('Hi'); // openai is cooling down
    expect(seen).toEqual([
      'attempt:anthropic',
      'failure:anthropic:server',
      'retry:anthropic:server',
      'attempt:anthropic',
      'success:anthropic',
    ]);

    for (const off of offs) off();
    seen.length = 0;
    await factory.getProvider('anthropic').invoke('Hi');
    expect(seen).toEqual([]);
  });

  test('breaker: opens after repeated server failures, and an open breaker stops the calls', async () => {
    const clock = manualClock();
    const factory = make(
      { providers: providersFor(fake, ['openai']), maxRetries: 0 },
      {
        now: clock.now,
        breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 1_000 },
      },
    );
    const states: string[] = [];
    factory.on('breaker', (e) => states.push(`${e.provider}:${e.state}`));
    fake.script('openai', [{ status: 500 }, { status: 500 }]);
    await factory
      .getProvider()
      .invoke('a')
      .catch(() => undefined);
    await factory
      .getProvider()
      .invoke('b')
      .catch(() => undefined);
    expect(states).toEqual(['openai:open']);
    await expect(factory.getProvider().invoke('c')).rejects.toThrow(/breaker/i);
    expect(fake.count('openai')).toBe(2);
  });

  test('an unknown event name is a ConfigError listing the names', () => {
    const factory = make(pair());
    expect(() => factory.on('nope' as never, () => undefined)).toThrow(/cool-down/);
  });
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('status handler over real HTTP', () => {
  test('GET /llm/status, /health and /metrics; 404 and 405 otherwise', async () => {
    const factory = make({ ...pair(), maxRetries: 0 });
    const url = await listen(createStatusHandler(factory));
    fake.script('openai', [{ status: 429, retryAfter: 60 }]);
    await factory.getProvider().invoke('Hi');

    const status = await fetch(`${url}/llm/status`);
    expect(status.status).toBe(200);
    expect(status.headers.get('content-type')).toContain('application/json');
    expect(await status.json()).toMatchObject({
      primary: { name: 'openai', available: false },
      fallbacks: [{ name: 'anthropic', available: true }],
      current: 'anthropic',
    });

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      providers: { openai: false, anthropic: true },
    });

    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/modelmux_requests_total\{[^}]*provider="anthropic"[^}]*\} 1/);
    expect(text).toContain('gen_ai_client_operation_duration_seconds');
    for (const key of Object.values(keys)) expect(text).not.toContain(key);

    expect((await fetch(`${url}/other`)).status).toBe(404);
    expect((await fetch(`${url}/health`, { method: 'POST' })).status).toBe(405);
  });

  test('/health is 503 when no provider is usable', async () => {
    const clock = manualClock();
    const factory = make({ providers: providersFor(fake, ['openai']) }, { now: clock.now });
    const url = await listen(createStatusHandler(factory));
    expect((await fetch(`${url}/health`)).status).toBe(200);
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    await factory
      .getProvider()
      .invoke('Hi')
      .catch(() => undefined);
    const down = await fetch(`${url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', providers: { openai: false } });
    clock.advance(31_000);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  test('Express-style: unmatched paths go to next()', async () => {
    const factory = make(pair());
    const handler = createStatusHandler(factory);
    const url = await listen((req, res) =>
      handler(req, res, () => {
        res.writeHead(200).end('app');
      }),
    );
    expect(await (await fetch(`${url}/anything`)).text()).toBe('app');
  });
});

describe('fromEnv', () => {
  test('enables each provider whose key or base URL is set; primary and fallbacks from LLM_*', async () => {
    const factory = ProviderFactory.fromEnv(
      {
        LLM_PRIMARY_PROVIDER: 'google',
        LLM_FALLBACK_PROVIDERS: 'anthropic',
        GOOGLE_API_KEY: keys.google,
        GOOGLE_BASE_URL: fake.baseURL.google,
        ANTHROPIC_API_KEY: keys.anthropic,
        ANTHROPIC_BASE_URL: fake.baseURL.anthropic,
        LLM_MAX_RETRIES: '0',
      },
      { backoff: fastBackoff },
    );
    factories.push(factory);
    expect(factory.listProviders()).toEqual(['anthropic', 'google']);
    expect(factory.config).toMatchObject({
      primaryProvider: 'google',
      fallbackProviders: ['anthropic'],
      routingStrategy: 'manual',
      maxRetries: 0,
    });
    fake.script('google', [{ error: 'quota' }]);
    const response = await factory.generateContent('Classify this email: ...');
    expect(response).toMatchObject({ success: true, providerName: 'anthropic' });
  });

  test('with nothing set, one ConfigError says what to set', () => {
    let error: unknown;
    try {
      ProviderFactory.fromEnv({});
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).issues).toHaveLength(1);
    expect((error as Error).message).toMatch(
      /OPENAI_API_KEY.*ANTHROPIC_API_KEY.*GOOGLE_API_KEY.*GROQ_API_KEY/,
    );
  });
});
