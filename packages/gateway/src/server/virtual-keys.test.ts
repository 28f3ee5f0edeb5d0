// Virtual keys end to end over HTTP: the admin API, each refusal of a key, per-key budgets,
// rate limits, allowed models and concurrency — on a running gateway in front of the fakes.
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import {
  masterKey,
  type Running,
  useGateway,
  vendorKeys,
} from '../__fixtures__/gateway-fixture.js';

const { fake, start } = useGateway();
const ask = { model: 'openai', messages: [{ role: 'user', content: 'What is RAG?' }] };

function chat(
  run: Running,
  key: string | undefined,
  body: unknown = ask,
  headers: Record<string, string> = {},
) {
  return fetch(`${run.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key && { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(
  res: Response,
): Promise<{ message: string; code: string; param: string | null }> {
  return ((await res.json()) as { error: { message: string; code: string; param: string | null } })
    .error;
}

describe('the admin API', () => {
  test('needs the master key', async () => {
    const run = await start();
    const res = await fetch(`${run.url}/admin/keys`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).not.toContain('nope');
  });

  test('create (key shown once), list (no secret, no hash), rotate, revoke, usage', async () => {
    const run = await start();
    const created = await run.newKey({
      name: 'search',
      budget: { daily: 5 },
      rpm: 100,
      models: ['openai'],
      metadata: { team: 'a' },
    });
    expect(created.key).toMatch(/^mmx-[a-f0-9]{16}-/);
    const listed = (await (await run.admin('/admin/keys')).json()) as {
      data: Record<string, unknown>[];
    };
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({
      id: created.id,
      name: 'search',
      budget: { daily: 5 },
      rpm: 100,
    });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.data[0]).not.toHaveProperty('hash');

    expect((await chat(run, created.key)).status).toBe(200);
    const usage = (await (await run.admin(`/admin/keys/${created.id}/usage`)).json()) as {
      totals: { requests: number; costUsd: number; inputTokens: number };
      budgets: { period: string; spentUsd: number; reservedUsd: number; limitUsd: number }[];
    };
    expect(usage.totals.requests).toBe(1);
    expect(usage.totals.inputTokens).toBeGreaterThan(0);
    const daily = usage.budgets.find((b) => b.period === 'daily');
    expect(daily).toMatchObject({ limitUsd: 5, reservedUsd: 0 });
    expect(daily?.spentUsd).toBeGreaterThan(0);
    expect(daily?.spentUsd).toBeCloseTo(usage.totals.costUsd, 10);

    const rotated = (await (
      await run.admin(`/admin/keys/${created.id}/rotate`, { method: 'POST' })
    ).json()) as { key: string; id: string };
    expect(rotated.id).toBe(created.id);
    expect(rotated.key).not.toBe(created.key);
    expect((await errorOf(await chat(run, created.key))).code).toBe('invalid_key');
    expect((await chat(run, rotated.key)).status).toBe(200);

    expect((await run.admin(`/admin/keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    const revoked = await chat(run, rotated.key);
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).code).toBe('revoked_key');
    expect(
      (await run.admin('/admin/keys/ffffffffffffffff/rotate', { method: 'POST' })).status,
    ).toBe(404);
  });

  test('a bad key body names the field', async () => {
    const run = await start();
    const res = await run.admin('/admin/keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', budget: { daily: 'lots' } }),
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.param).toBe('budget.daily');
    expect(error.message).toMatch(/budget\.daily/);
    const broken = await run.admin('/admin/keys', { method: 'POST', body: '{oops' });
    expect(broken.status).toBe(400);
  });
});

describe('a key that cannot be used', () => {
  test('missing, malformed, unknown, expired: 401 in the OpenAI shape, the key never echoed', async () => {
    const run = await start();
    const expired = await run.newKey({ name: 'old', expiresAt: Date.now() - 1 });
    const cases: [string | undefined, string][] = [
      [undefined, 'missing_key'],
      ['sk-not-ours-0123456789', 'invalid_key'],
      [`mmx-0123456789abcdef-${'x'.repeat(32)}`, 'invalid_key'],
      [expired.key, 'expired_key'],
    ];
    for (const [key, code] of cases) {
      const res = await chat(run, key);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe(code);
      if (key) expect(text).not.toContain(key);
    }
    expect(fake().count()).toBe(0);
  });

  test('the openai SDK sees an AuthenticationError', async () => {
    const run = await start();
    const client = new OpenAI({ apiKey: 'mmx-wrong', baseURL: `${run.url}/v1`, maxRetries: 0 });
    await expect(
      client.chat.completions.create({
        model: 'openai',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  test("a model outside the key's list: 403, nothing sent", async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'only-anthropic', models: ['anthropic'] });
    expect((await chat(run, key)).status).toBe(403);
    expect((await chat(run, key, { ...ask, model: 'anthropic' })).status).toBe(200);
    expect(fake().count('openai')).toBe(0);
  });
});

describe('per-key limits', () => {
  test('a spent budget: 429 with retry-after, no provider called', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'tiny', budget: { daily: 0.000001 } });
    const res = await chat(run, key);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(res)).code).toBe('budget_exceeded');
    expect(fake().count()).toBe(0);
  });

  test('rpm: the second request in a minute is 429 with retry-after', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'slow', rpm: 1 });
    expect((await chat(run, key)).status).toBe(200);
    const res = await chat(run, key);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fake().count('openai')).toBe(1);
  });

  test('maxConcurrency: a second request while one streams is 429; after it ends, room again', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'one-at-a-time', maxConcurrency: 1 });
    fake().script('openai', [{ streamEventDelayMs: 150 }]);
    const streaming = await chat(run, key, { ...ask, stream: true });
    expect(streaming.status).toBe(200);
    const second = await chat(run, key);
    expect(second.status).toBe(429);
    expect((await errorOf(second)).code).toBe('too_many_concurrent');
    await streaming.text();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await chat(run, key)).status).toBe(200);
  });

  test('the master key may call models without limits', async () => {
    const run = await start();
    expect((await chat(run, masterKey)).status).toBe(200);
  });
});

describe('secrets', () => {
  test('no virtual key, master key, vendor key or prompt in logs, metrics, status or errors', async () => {
    const run = await start();
    const { key, id } = await run.newKey({ name: 'svc', budget: { daily: 1 } });
    const prompt = 'my-secret-prompt-text-42';
    await chat(run, key, { model: 'openai', messages: [{ role: 'user', content: prompt }] });
    await chat(run, `${key}x`, ask);
    await chat(run, key, '{not json');
    const outputs = [
      await (await fetch(`${run.url}/metrics`)).text(),
      await (await fetch(`${run.url}/llm/status`)).text(),
      await (await run.admin('/admin/keys')).text(),
      await (await run.admin(`/admin/keys/${id}/usage`)).text(),
      await (await run.admin('/ui/state')).text(),
      run.logs.join('\n'),
    ].join('\n');
    for (const secret of [key, masterKey, prompt, ...Object.values(vendorKeys)])
      expect(outputs).not.toContain(secret);
  });
});
