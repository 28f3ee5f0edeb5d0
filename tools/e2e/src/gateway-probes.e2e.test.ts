// Bad input against a running gateway (a real port on 127.0.0.1, the fake vendors behind it):
// each probe gets the right status and a clear error, and none disturbs a request running
// next to it. Slow-loris and mid-stream disconnects use raw sockets.
import { connect } from 'node:net';
import {
  createGateway,
  parseGatewayConfig,
  serveGateway,
  type ServedGateway,
} from '@modelmux/gateway';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import OpenAI from 'openai';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const master = 'mmx-master-probe-0123456789abcdef';
let fake: FakeProviders;
let served: ServedGateway;
let url: string;
let key: string;
let keyId: string;

async function admin(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${master}`, 'content-type': 'application/json' },
  });
}

function post(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

beforeAll(async () => {
  fake = await startFakeProviders();
  const config = parseGatewayConfig(
    {
      providers: {
        openai: { apiKey: 'sk-probe-openai-0123456789', baseURL: fake.baseURL.openai },
        anthropic: { apiKey: 'sk-ant-probe-0123456789', baseURL: fake.baseURL.anthropic },
      },
      maxRetries: 0,
      gateway: {
        limits: {
          maxBodyBytes: 64 * 1024,
          maxMessages: 50,
          requestTimeoutMs: 1_500,
          streamIdleTimeoutMs: 800,
          headersTimeoutMs: 1_000,
        },
      },
    },
    {},
  );
  served = await serveGateway(
    createGateway({ config, masterKey: master, logger: pino({ level: 'silent' }) }),
    {
      port: 0,
    },
  );
  url = served.url;
  const created = (await (
    await admin('/admin/keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'probe', budget: { daily: 10 } }),
    })
  ).json()) as { key: string; id: string };
  key = created.key;
  keyId = created.id;
  // Warm up: the first call of each adapter imports its SDK, which can outlast the short limits.
  for (const model of ['openai', 'anthropic'])
    await post(
      '/v1/chat/completions',
      JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    );
}, 60_000);
afterAll(async () => {
  await served?.shutdown();
  await fake?.close();
});

/** Runs a probe while a normal streamed request is in flight; the normal one must complete. */
async function besideANormalRequest(probe: () => Promise<void>): Promise<void> {
  fake.script('anthropic', [{ streamEventDelayMs: 20 }]);
  const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
  const normal = (async () => {
    let text = '';
    const stream = await client.chat.completions.create({
      model: 'anthropic',
      messages: [{ role: 'user', content: 'Tell me about RAG' }],
      stream: true,
    });
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    return text;
  })();
  await probe();
  expect((await normal).length).toBeGreaterThan(0);
}

async function errorOf(
  res: Response,
): Promise<{ message: string; param?: string | null; code?: string }> {
  const body = (await res.json()) as {
    error: { message: string; param?: string | null; code?: string };
  };
  return body.error;
}

describe('bad bodies', () => {
  test('malformed JSON: 400 naming the body', async () => {
    await besideANormalRequest(async () => {
      const res = await post('/v1/chat/completions', '{"model": "openai", "messages": [');
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toMatch(/JSON/i);
    });
  });

  test('wrong types: 400 naming the field', async () => {
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'openai', messages: 'hello' }),
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).param).toBe('messages');
    const temp = await post(
      '/v1/chat/completions',
      JSON.stringify({
        model: 'openai',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 'hot',
      }),
    );
    expect(temp.status).toBe(400);
    expect((await errorOf(temp)).param).toBe('temperature');
  });

  test('unknown model: 404', async () => {
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'nope/nothing', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toMatch(/nope/);
  });

  test('an oversized body: 413, from content-length and from a chunked body', async () => {
    await besideANormalRequest(async () => {
      const big = JSON.stringify({
        model: 'openai',
        messages: [{ role: 'user', content: 'x'.repeat(100_000) }],
      });
      const res = await post('/v1/chat/completions', big);
      expect(res.status).toBe(413);
      expect((await errorOf(res)).message).toMatch(/maxBodyBytes/);
      const chunked = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 10; i++)
              controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
    });
  });

  test('too many messages: 400 naming messages', async () => {
    const messages = Array.from({ length: 51 }, () => ({ role: 'user', content: 'hi' }));
    const res = await post('/v1/chat/completions', JSON.stringify({ model: 'openai', messages }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.param).toBe('messages');
    expect(error.message).toMatch(/maxMessages/);
  });
});

describe('slow and vanishing clients', () => {
  test('slow-loris: a client that never finishes its headers is cut by headersTimeout', async () => {
    await besideANormalRequest(async () => {
      const started = Date.now();
      const closed = await new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(url).port), '127.0.0.1', () => {
          socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n');
          const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
          let answer = '';
          socket.on('data', (d) => (answer += String(d)));
          socket.on('close', () => {
            clearInterval(drip);
            resolve(answer);
          });
        });
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(closed === '' || closed.startsWith('HTTP/1.1 408')).toBe(true);
    });
  });

  test('a client that disconnects mid-stream: the upstream call is aborted and the key budget settled', async () => {
    fake.script('openai', [{ streamEventDelayMs: 100, reply: { text: 'word '.repeat(40) } }]);
    const abort = new AbortController();
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai',
        messages: [{ role: 'user', content: 'long answer' }],
        stream: true,
      }),
      signal: abort.signal,
    });
    if (!res.body) throw new Error('no body');
    const reader = res.body.getReader();
    await reader.read();
    abort.abort();
    const upstream = fake.requests('openai').at(-1);
    if (!upstream) throw new Error('nothing reached the fake');
    await expect.poll(() => upstream.closedEarly, { timeout: 3_000 }).toBe(true);
    await expect
      .poll(
        async () => {
          const usage = (await (await admin(`/admin/keys/${keyId}/usage`)).json()) as {
            budgets: { period: string; reservedUsd: number }[];
          };
          return usage.budgets.find((b) => b.period === 'daily')?.reservedUsd;
        },
        { timeout: 3_000 },
      )
      .toBe(0);
  });

  test('an upstream that never answers: 504 at requestTimeoutMs, upstream aborted', async () => {
    fake.script('openai', ['hang']);
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'openai', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(res.status).toBe(504);
    expect((await errorOf(res)).message).toMatch(/requestTimeoutMs/);
    await expect
      .poll(() => fake.requests('openai').at(-1)?.closedEarly, { timeout: 3_000 })
      .toBe(true);
  });

  test('a stream that goes quiet is cut at streamIdleTimeoutMs and its upstream aborted', async () => {
    fake.script('openai', [{ streamEventDelayMs: 1_000 }]);
    const res = await post(
      '/v1/chat/completions',
      JSON.stringify({
        model: 'openai',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    );
    expect(res.status).toBe(200);
    const started = Date.now();
    await expect(res.text()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect
      .poll(() => fake.requests('openai').at(-1)?.closedEarly, { timeout: 3_000 })
      .toBe(true);
  });
});
