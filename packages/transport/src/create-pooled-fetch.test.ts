import { once } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type PooledFetch, createPooledFetch } from './index.js';

// A real loopback server and real sockets: what the server saw is the assertion.
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let server: Server;
let origin: string;
let handler: Handler;
const sockets = new Set<Socket>();
let connections = 0;
let closedSockets = 0;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] =
  [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      closedSockets += 1;
      sockets.delete(socket);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  server.close();
});

const fetches: PooledFetch[] = [];
const make = (...args: Parameters<typeof createPooledFetch>) => {
  const f = createPooledFetch(...args);
  fetches.push(f);
  return f;
};
afterEach(async () => {
  await Promise.all(fetches.splice(0).map((f) => f.close()));
  seen.length = 0;
});

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  ((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(value));
  }) satisfies Handler;

/** Resolves when the server has seen `n` more sockets close. */
async function socketsClosed(before: number, n = 1): Promise<void> {
  while (closedSockets < before + n) await new Promise((r) => setTimeout(r, 5));
}

describe('createPooledFetch', () => {
  test('sends method, path, query, headers and body as given and returns a global Response', async () => {
    handler = json(201, { ok: true }, { 'x-request-id': 'req_1', 'set-cookie': 'a=1' });
    const fetch = make();
    const res = await fetch(`${origin}/v1/chat?x=1`, {
      method: 'post',
      headers: new Headers({ Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' }),
      body: '{"q":1}',
    });
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${origin}/v1/chat?x=1`);
    expect(res.headers.get('x-request-id')).toBe('req_1');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/chat?x=1', body: '{"q":1}' });
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
      'content-length': '7',
    });
  });

  test('headers as pairs or a record, byte bodies, and a text/plain default for string bodies', async () => {
    handler = json(200, {});
    const fetch = make();
    await fetch(origin, {
      method: 'PUT',
      headers: [['X-A', '1']],
      body: new Uint8Array([104, 105]),
    });
    await fetch(new URL(`${origin}/r`), { method: 'POST', headers: { 'X-B': '2' }, body: 'hi' });
    expect(seen[0]).toMatchObject({ method: 'PUT', body: 'hi', headers: { 'x-a': '1' } });
    expect(seen[1]).toMatchObject({
      url: '/r',
      headers: { 'x-b': '2', 'content-type': 'text/plain;charset=UTF-8' },
    });
  });

  test('keeps sockets alive: 20 sequential requests open at most 2 sockets', async () => {
    handler = json(200, { ok: true });
    const fetch = make();
    const before = connections;
    for (let i = 0; i < 20; i++) await (await fetch(`${origin}/k`)).json();
    // undici may open a second socket while the first finishes its previous answer.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  test('never opens more than `connections` sockets per origin', async () => {
    handler = (_req, res) => setTimeout(() => json(200, { ok: true })(_req, res), 5);
    const fetch = make({ connections: 3 });
    const before = connections;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => fetch(`${origin}/c`).then((r) => r.json())),
    );
    expect(answers).toHaveLength(30);
    expect(connections - before).toBe(3);
  });

  test('streams a body chunk by chunk: the first event arrives before the server ends', async () => {
    let finish: () => void = () => undefined;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      finish = () => res.end('data: two\n\n');
    };
    const fetch = make();
    const res = await fetch(`${origin}/s`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    finish();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('data: two\n\n');
  });

  test("a caller's abort before the headers rejects with the signal's reason and closes the socket", async () => {
    handler = () => undefined; // hangs
    const fetch = make();
    const controller = new AbortController();
    const closedBefore = closedSockets;
    const pending = fetch(`${origin}/hang`, { signal: controller.signal });
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await socketsClosed(closedBefore);
  });

  test('a timeout signal (AbortSignal.timeout) reaches the socket too', async () => {
    handler = () => undefined;
    const fetch = make();
    const closedBefore = closedSockets;
    await expect(
      fetch(`${origin}/hang`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    await socketsClosed(closedBefore);
  });

  test('an abort while the body streams errors the reader and closes the socket', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
    };
    const fetch = make();
    const controller = new AbortController();
    const closedBefore = closedSockets;
    const res = await fetch(`${origin}/s`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await socketsClosed(closedBefore);
  });

  test("a connection lost mid-body errors the stream as fetch's does: TypeError('terminated') with the cause", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n', () => setTimeout(() => res.socket?.destroy(), 10));
    };
    const fetch = make();
    const res = await fetch(`${origin}/cut`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const error = await reader.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'terminated', cause: { code: 'UND_ERR_SOCKET' } });
  });

  test('cancelling the body stream closes the socket', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
    };
    const fetch = make();
    const closedBefore = closedSockets;
    const res = await fetch(`${origin}/s`);
    await (res.body as ReadableStream<Uint8Array>).cancel();
    await socketsClosed(closedBefore);
  });

  test('an already aborted signal rejects at once and sends nothing', async () => {
    const fetch = make();
    const reason = new Error('stop');
    await expect(fetch(origin, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen).toHaveLength(0);
  });

  test('a refused connection rejects like fetch: TypeError("fetch failed") with the cause', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    const fetch = make();
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  test('204 and HEAD have a null body; error statuses keep their body', async () => {
    const fetch = make();
    handler = (_req, res) => res.writeHead(204).end();
    expect((await fetch(origin)).body).toBeNull();
    handler = json(200, { a: 1 });
    expect((await fetch(origin, { method: 'HEAD' })).body).toBeNull();
    handler = json(500, { error: 'boom' });
    const res = await fetch(origin);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'boom' });
  });

  test('decodes gzip as fetch does', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ zipped: true })));
    };
    const fetch = make();
    expect(await (await fetch(origin, { headers: { 'accept-encoding': 'gzip' } })).json()).toEqual({
      zipped: true,
    });
  });

  test("follows redirects through Node's fetch, on the same pool", async () => {
    handler = (req, res) => {
      if (req.url === '/old') res.writeHead(307, { location: '/new' }).end();
      else json(200, { at: req.url })(req, res);
    };
    const fetch = make();
    const res = await fetch(`${origin}/old`, { method: 'POST', body: 'x' });
    expect(await res.json()).toEqual({ at: '/new' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/new', body: 'x' });
    const manual = await fetch(`${origin}/old`, { redirect: 'manual' });
    expect(manual.status).toBe(307);
  });

  test("FormData, streamed bodies and Request objects go through Node's fetch", async () => {
    handler = json(200, {});
    const fetch = make();
    const form = new FormData();
    form.set('purpose', 'batch');
    await fetch(`${origin}/form`, { method: 'POST', body: form });
    expect(seen[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.body).toContain('batch');
    await fetch(new Request(`${origin}/req`, { method: 'POST', body: 'r' }));
    expect(seen[1]).toMatchObject({ url: '/req', body: 'r' });
  });

  test('close() closes the sockets; later calls reject as fetch failed', async () => {
    handler = json(200, {});
    const fetch = createPooledFetch();
    await (await fetch(origin)).json();
    const closedBefore = closedSockets;
    await fetch.close();
    await socketsClosed(closedBefore);
    await expect(fetch(origin)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
    });
    await fetch.close(); // twice is fine
  });

  test('rejects bad options with a RangeError naming the option', () => {
    expect(() => createPooledFetch({ connections: 0 })).toThrow(/connections must be an integer/);
    expect(() => createPooledFetch({ keepAliveTimeoutMs: 1.5 })).toThrow(/keepAliveTimeoutMs/);
  });
});

describe('with the real openai SDK', () => {
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };

  test('completions, streams, status errors and the SDK timeout', async () => {
    const fetch = make();
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: `${origin}/v1`, maxRetries: 0, fetch });
    handler = json(200, completion, { 'x-request-id': 'req_9' });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('hi');
    expect(response.headers.get('x-request-id')).toBe('req_9');

    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const text of ['a', 'b'])
        res.write(
          `data: ${JSON.stringify({ ...completion, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`,
        );
      res.end('data: [DONE]\n\n');
    };
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('ab');

    handler = json(429, { error: { message: 'slow down' } }, { 'retry-after': '2' });
    const limited = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(
      (limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'),
    ).toBe('2');

    handler = () => undefined;
    const closedBefore = closedSockets;
    await expect(
      client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { timeout: 50 },
      ),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await socketsClosed(closedBefore);
  });
});

describe('URLs', () => {
  test('a fragment is not sent, the query is, and credentials in the URL go to Node fetch (which refuses them)', async () => {
    handler = json(200, {});
    const fetch = make();
    await fetch(`${origin}/p?q=1#frag`);
    expect(seen[0]?.url).toBe('/p?q=1');
    const withCredentials = origin.replace('http://', 'http://user:pass@');
    await expect(fetch(`${withCredentials}/x`)).rejects.toBeInstanceOf(TypeError);
    expect(seen).toHaveLength(1);
  });
});
