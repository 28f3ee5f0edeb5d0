import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkCalls, type SdkCalls } from '../__fixtures__/sdk-calls.js';
import type { FakeProviderName, FakeProviders } from '../types.js';
import { startFakeProviders } from './start-fake-providers.js';

let fake: FakeProviders;
let sdk: Record<FakeProviderName, SdkCalls>;

beforeAll(async () => {
  fake = await startFakeProviders();
  sdk = sdkCalls(fake);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const post = (path: string, body: unknown = {}) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('startFakeProviders', () => {
  it('listens on loopback on a random port and gives each SDK its base URL', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.port).toBeGreaterThan(0);
    expect(fake.baseURL).toEqual({
      openai: `${fake.url}/v1`,
      anthropic: fake.url,
      groq: fake.url,
      google: fake.url,
    });
  });

  it('records requests per provider and in arrival order, with credentials redacted but visible as sent', async () => {
    await sdk.openai.chat();
    await sdk.anthropic.chat();
    await sdk.google.chat();
    await sdk.groq.chat();
    const all = fake.requests();
    expect(all.map((r) => r.provider)).toEqual(['openai', 'anthropic', 'google', 'groq']);
    const openai = fake.requests('openai')[0];
    expect(openai).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      query: {},
      headers: { authorization: 'Bearer [REDACTED]' },
    });
    expect((openai?.body as { model: string }).model).toBe('gpt-4o-mini');
    expect(openai?.at).toBeGreaterThan(Date.now() - 60_000);
    expect(fake.requests('anthropic')[0]?.headers['anthropic-version']).toBeDefined();
    expect(
      fake.requests('anthropic')[0]?.headers['authorization'] ??
        fake.requests('anthropic')[0]?.headers['x-api-key'],
    ).toContain('[REDACTED]');
    expect(fake.requests('google')[0]?.headers['x-goog-api-key']).toBe('[REDACTED]');
    expect(fake.requests('groq')[0]?.headers['authorization']).toBe('Bearer [REDACTED]');
    const dump = JSON.stringify(all);
    for (const secret of [
      'sk-test-secret-123456',
      'sk-ant-test-secret-123456',
      'gsk_testsecret123456',
      'AIzaSyTEST-secret-0000000000000000',
    ])
      expect(dump).not.toContain(secret);
  });

  it('redacts a key passed in the query string', async () => {
    await post(
      '/v1beta/models/gemini-2.0-flash:generateContent?key=AIzaSyTEST-secret-0000000000000000',
      { contents: [] },
    );
    expect(fake.requests('google')[0]?.query).toEqual({ key: '[REDACTED]' });
  });

  it('records a raw body that is not JSON', async () => {
    await fetch(`${fake.url}/v1/messages`, { method: 'POST', body: 'plain text body' });
    expect(fake.requests('anthropic').at(-1)?.body).toBe('plain text body');
  });

  it('counts per provider and in total, hung and reset requests included', async () => {
    fake.script('openai', ['reset']);
    await sdk.openai.chat().catch(() => undefined);
    await sdk.openai.chat();
    await sdk.groq.chat();
    expect(fake.count('openai')).toBe(2);
    expect(fake.count('groq')).toBe(1);
    expect(fake.count('anthropic')).toBe(0);
    expect(fake.count()).toBe(3);
  });

  it('consumes scripted steps in order, appends later scripts, and falls back to ok', async () => {
    fake.script('openai', [{ status: 500 }]);
    fake.script('openai', [{ status: 404 }, { reply: { text: 'third' } }]);
    const statuses: (number | string)[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        await sdk.openai.chat().catch((e: unknown) => (e as { status: number }).status),
      );
    expect(statuses).toEqual([500, 404, 'third', expect.stringContaining('volcanoes')]);
  });

  it('reset clears scripts, rules and records', async () => {
    fake.script('anthropic', [{ status: 500 }]);
    fake.rules('google', { failRate: 1 });
    await sdk.openai.chat();
    fake.reset();
    expect(fake.requests()).toEqual([]);
    expect(fake.count()).toBe(0);
    await expect(sdk.anthropic.chat()).resolves.toContain('volcanoes');
    await expect(sdk.google.chat()).resolves.toContain('volcanoes');
  });

  it('answers 404 for a path no SDK uses, and records nothing', async () => {
    const res = await post('/v2/unknown');
    expect(res.status).toBe(404);
    expect(fake.count()).toBe(0);
  });
});

describe('rules', () => {
  async function statuses(seed: number, n: number): Promise<number[]> {
    const server = await startFakeProviders({ seed });
    try {
      server.rules('openai', { failRate: 0.5, failWith: { status: 429, retryAfter: 1 } });
      const client = new OpenAI({
        apiKey: 'sk-test-1234567',
        baseURL: server.baseURL.openai,
        maxRetries: 0,
      });
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        out.push(
          await client.chat.completions
            .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
            .then(
              () => 200,
              (e: { status: number }) => e.status,
            ),
        );
      }
      return out;
    } finally {
      await server.close();
    }
  }

  it('fails a seeded share of requests, the same way on every run', async () => {
    const first = await statuses(7, 16);
    const second = await statuses(7, 16);
    expect(second).toEqual(first);
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await statuses(8, 16)).not.toEqual(first);
  });

  it('uses the rules seed over the server seed, and restarts the sequence when rules are set again', async () => {
    const outcomes = async () => {
      const out: number[] = [];
      for (let i = 0; i < 10; i++)
        out.push(
          await sdk.anthropic.chat().then(
            () => 200,
            (e: { status: number }) => e.status,
          ),
        );
      return out;
    };
    fake.rules('anthropic', { failRate: 0.4, seed: 3 });
    const a = await outcomes();
    fake.rules('anthropic', { failRate: 0.4, seed: 3 });
    expect(await outcomes()).toEqual(a);
    expect(a).toContain(503);
    fake.rules('anthropic', undefined);
    expect(await outcomes()).toEqual(new Array(10).fill(200));
  });

  it('adds latency drawn from [min, max], and a script still wins over the rules', async () => {
    fake.rules('groq', { latencyMs: [40, 60], failRate: 1, failWith: { error: 'overloaded' } });
    fake.script('groq', [{ reply: { text: 'scripted' } }]);
    expect(await sdk.groq.chat()).toBe('scripted');
    const started = performance.now();
    const err = await sdk.groq.chat().catch((e: { status: number }) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
    expect((err as { status: number }).status).toBe(503);
  });
});

describe('close', () => {
  it('marks a request closedEarly when the client aborts it, and not when it was answered', async () => {
    fake.script('openai', ['ok', 'hang']);
    const client = new OpenAI({
      apiKey: 'sk-test-closed-early-000',
      baseURL: fake.baseURL.openai,
      maxRetries: 0,
    });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const controller = new AbortController();
    const pending = client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
        { signal: controller.signal },
      )
      .catch((error: unknown) => error);
    await expect.poll(() => fake.count('openai')).toBe(2);
    const [answered, hung] = fake.requests('openai');
    expect(answered?.closedEarly).toBe(false);
    expect(hung?.closedEarly).toBe(false);
    controller.abort();
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    await expect.poll(() => hung?.closedEarly).toBe(true);
    expect(answered?.closedEarly).toBe(false);
  });

  it('closes promptly while requests hang or wait, failing them on the client side', async () => {
    const server = await startFakeProviders();
    server.script('openai', ['hang']);
    server.script('anthropic', [{ delayMs: 60_000 }]);
    const hung = fetch(`${server.baseURL.openai}/chat/completions`, {
      method: 'POST',
      body: '{}',
    }).then(
      () => 'answered',
      () => 'failed',
    );
    const waiting = fetch(`${server.url}/v1/messages`, { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'failed',
    );
    while (server.count() < 2) await new Promise((r) => setImmediate(r));
    // The hung request never answers by itself: close() resolving at all (within the test's
    // timeout) shows it does not wait for it. No wall-clock bound a loaded machine could break.
    await server.close();
    expect(await hung).toBe('failed');
    expect(await waiting).toBe('failed');
    await server.close();
  });
});
