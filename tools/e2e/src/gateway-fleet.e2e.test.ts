// A fleet of 3 gateway processes (the real bin) on one real redis-server, in front of the fake
// vendors in this process: a virtual key's budget holds across the fleet, and a 429 seen by one
// gateway keeps the others off that provider.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hasRedisServer, startRedisServer, type RedisServer } from '@modelmux/redis/testing';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

const installed = hasRedisServer();
if (!installed && process.env['CI'])
  throw new Error(
    'redis-server is missing in CI: .ci/run installs it (apt-get install redis-server)',
  );

const master = 'mmx-master-fleet-0123456789abcdef';
const cli = join(
  dirname(createRequire(import.meta.url).resolve('@modelmux/gateway/package.json')),
  'src',
  'cli.ts',
);
// Usage close to what the gateway predicts for the prompt (its reservation holds the worst case).
const okReply = { reply: { text: 'Paris.', usage: { inputTokens: 15, outputTokens: 10 } } };

interface Gateway {
  child: ChildProcess;
  url: string;
}

function startGateway(file: string, fake: FakeProviders): Promise<Gateway> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@modelmux/source', cli, '--config', file, '--port', '0'],
    {
      env: {
        ...process.env,
        MODELMUX_MASTER_KEY: master,
        FAKE_OPENAI_URL: fake.baseURL.openai,
        FAKE_ANTHROPIC_URL: fake.baseURL.anthropic,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      output += String(d);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.once('exit', () => reject(new Error(`gateway exited:\n${output}`)));
  });
}

describe.runIf(installed)('a fleet of 3 gateways on one Redis', () => {
  let redis: RedisServer;
  let fake: FakeProviders;
  let dir: string;
  let gateways: Gateway[] = [];
  const nth = (i: number): Gateway => {
    const g = gateways[i];
    if (!g) throw new Error(`no gateway ${i}`);
    return g;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-fleet-'));
    [redis, fake] = await Promise.all([
      startRedisServer({ persistDir: dir }),
      startFakeProviders(),
    ]);
    const file = join(dir, 'gateway.yaml');
    writeFileSync(
      file,
      `providers:
  openai:
    apiKey: sk-fleet-openai-0123456789
    baseURL: \${FAKE_OPENAI_URL}
  anthropic:
    apiKey: sk-ant-fleet-0123456789
    baseURL: \${FAKE_ANTHROPIC_URL}
primaryProvider: openai
fallbackProviders: [anthropic]
maxRetries: 0
store: { type: redis, url: '${redis.url}', prefix: 'gwfleet-${Date.now()}:', timeoutMs: 2000 }
gateway:
  logLevel: warn
`,
    );
    gateways = await Promise.all([1, 2, 3].map(() => startGateway(file, fake)));
    // Each gateway's Redis connection is up before the load (a 2-core CI box starts slowly).
    for (const g of gateways)
      await vi.waitFor(
        async () => {
          const res = await fetch(`${g.url}/admin/keys`, {
            headers: { authorization: `Bearer ${master}` },
          });
          if (res.status !== 200) throw new Error(`store not ready: ${res.status}`);
        },
        { timeout: 20_000, interval: 200 },
      );
  }, 90_000);
  afterAll(async () => {
    for (const g of gateways) g.child.kill('SIGTERM');
    await Promise.all(
      gateways.map(
        (g) => new Promise((r) => (g.child.exitCode !== null ? r(0) : g.child.once('exit', r))),
      ),
    );
    await fake?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = (g: Gateway, key: string, model = 'openai') =>
    fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: 'Capital of France?' }],
        max_tokens: 10,
      }),
    });

  test("concurrent requests through every gateway never overspend one key's budget", async () => {
    fake.reset();
    fake.script(
      'openai',
      Array.from({ length: 200 }, () => okReply),
    );
    const limit = 0.0005;
    const created = (await (
      await fetch(`${nth(0).url}/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${master}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'fleet', budget: { daily: limit } }),
      })
    ).json()) as { key: string; id: string };
    const statuses: number[] = [];
    await Promise.all(
      gateways.map(async (g) => {
        for (let wave = 0; wave < 4; wave++) {
          const answers = await Promise.all(Array.from({ length: 5 }, () => chat(g, created.key)));
          for (const a of answers) {
            statuses.push(a.status);
            if (a.status === 429)
              expect(((await a.json()) as { error: { code: string } }).error.code).toBe(
                'budget_exceeded',
              );
            else await a.text();
          }
        }
      }),
    );
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(fake.count('openai')).toBe(ok); // a refused request never reached the wire
    const usage = (await (
      await fetch(`${nth(2).url}/admin/keys/${created.id}/usage`, {
        headers: { authorization: `Bearer ${master}` },
      })
    ).json()) as {
      budgets: { period: string; spentUsd: number; reservedUsd: number }[];
      totals: { requests: number };
    };
    const daily = usage.budgets.find((b) => b.period === 'daily');
    if (!daily) throw new Error('no daily scope');
    expect(daily.reservedUsd).toBe(0);
    expect(daily.spentUsd).toBeGreaterThan(0);
    expect(daily.spentUsd).toBeLessThanOrEqual(limit);
    expect(usage.totals.requests).toBe(ok);
  }, 60_000);

  test('a 429 with retry-after seen by one gateway keeps the others off that provider', async () => {
    fake.reset();
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const first = await chat(nth(0), master, 'auto');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-modelmux-provider')).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);
    await expect
      .poll(async () => {
        const status = (await (await fetch(`${nth(1).url}/llm/status`)).json()) as {
          providers: Record<string, { available: boolean }>;
        };
        return status.providers['openai']?.available;
      })
      .toBe(false);
    for (const g of gateways.slice(1)) {
      const res = await chat(g, master, 'auto');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-modelmux-provider')).toBe('anthropic');
    }
    expect(fake.count('openai')).toBe(1);
  }, 60_000);
});
