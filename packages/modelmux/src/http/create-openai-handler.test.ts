// The handler contract the gateway serves over HTTP, driven with web-standard Requests: the
// server's context (allow-list, hints, signal, onFinish), the refusals and their statuses, and
// errors mid-stream. Upstream calls go to the fake vendors through the real adapters.
import { describe, expect, test, vi } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';
import { createOpenAIHandler, type HandlerRecord } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Request('http://gateway/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }], ...body }),
  });

async function errorOf(
  response: Response,
): Promise<{ message: string; type: string; param: string | null; code: string | null }> {
  return ((await response.json()) as { error: never }).error;
}

describe('createOpenAIHandler: the server context', () => {
  test('allowedModels: a model outside the list is 403; a provider/model under an allowed provider passes', async () => {
    const handle = createOpenAIHandler(
      make({ providers: providersFor(fake, ['openai', 'anthropic']) }),
    );
    const allowedModels = ['openai'];
    const refused = await handle(chat({ model: 'anthropic' }), { allowedModels });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({
      type: 'permission_error',
      code: 'model_not_allowed',
      param: 'model',
    });
    expect((await handle(chat({ model: 'auto' }), { allowedModels })).status).toBe(403);
    expect((await handle(chat({ model: 'openai/gpt-4o' }), { allowedModels })).status).toBe(200);
    expect(fake.count('anthropic')).toBe(0);
    const models = await handle(new Request('http://gateway/v1/models'), { allowedModels });
    const ids = ((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids.every((id) => id === 'openai' || id.startsWith('openai/'))).toBe(true);
  });

  test("onFinish: one record per request with routing, usage and cost, never the prompt; the context's hints win", async () => {
    const factory = make({
      providers: providersFor(fake, ['openai']),
      costLimitPerTag: { 'team-a': 1e-9 },
    });
    const handle = createOpenAIHandler(factory);
    const records: HandlerRecord[] = [];
    const onFinish = (record: HandlerRecord) => records.push(record);
    const ok = await handle(
      chat(
        { messages: [{ role: 'user', content: 'secret prompt text' }] },
        { 'x-request-id': 'req-1' },
      ),
      { onFinish },
    );
    expect(ok.headers.get('x-request-id')).toBe('req-1');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestId: 'req-1',
      endpoint: 'chat',
      model: 'auto',
      provider: 'openai',
      attempts: 1,
      fallback: false,
      stream: false,
      status: 200,
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      costUsd: expect.any(Number),
    });
    expect(JSON.stringify(records)).not.toContain('secret prompt');
    // The tag's budget refuses: the context's tags beat the header's.
    await handle(chat({}), { onFinish, hints: { tags: ['team-a'] } });
    const refused = await handle(chat({}, { 'x-modelmux-tags': 'team-b' }), {
      onFinish,
      hints: { tags: ['team-a'] },
    });
    expect(refused.status).toBe(429);
    expect(records.at(-1)).toMatchObject({ status: 429, errorKind: 'budget' });
    expect((await handle(chat({}, { 'x-modelmux-tags': 'team-b' }), { onFinish })).status).toBe(
      200,
    );
  });

  test('a streamed answer after a fallback: the record names both attempts, the provider and the time to first token', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    const records: HandlerRecord[] = [];
    fake.script('openai', [{ status: 500 }]);
    const response = await createOpenAIHandler(factory)(chat({ stream: true }), {
      onFinish: (r) => records.push(r),
    });
    expect(await response.text()).toContain('data: [DONE]');
    expect(records).toEqual([
      expect.objectContaining({
        stream: true,
        status: 200,
        provider: 'anthropic',
        attempts: 2,
        fallback: true,
        strategy: 'manual',
        ttftMs: expect.any(Number),
        overheadMs: expect.any(Number),
        usage: expect.objectContaining({ outputTokens: expect.any(Number) }),
      }),
    ]);
  });

  test('x-modelmux-strategy routes the request; a bad strategy or metadata header is a 400 naming it', async () => {
    const factory = make({
      providers: providersFor(fake, ['openai', 'anthropic']),
      routingStrategy: 'cost',
    });
    const handle = createOpenAIHandler(factory);
    const quality = await handle(chat({}, { 'x-modelmux-strategy': 'quality' }));
    expect(quality.status).toBe(200);
    expect(quality.headers.get('x-modelmux-provider')).toBe(factory.getBestQualityProvider().name);
    const bad = await handle(chat({}, { 'x-modelmux-strategy': 'fastest' }));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).param).toBe('x-modelmux-strategy');
    const meta = await handle(chat({}, { 'x-modelmux-metadata': '[1]' }));
    expect((await errorOf(meta)).param).toBe('x-modelmux-metadata');
  });

  test('context.signal aborted mid-stream: the upstream request is closed early and the record says 499', async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['openai']) }));
    fake.script('openai', [{ streamEventDelayMs: 40 }]);
    const client = new AbortController();
    const records: HandlerRecord[] = [];
    const response = await handle(
      chat({ stream: true, messages: [{ role: 'user', content: 'A long story please' }] }),
      {
        signal: client.signal,
        onFinish: (r) => records.push(r),
      },
    );
    if (!response.body) throw new Error('expected a streamed body');
    const reader = response.body.getReader();
    await reader.read();
    client.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true));
    expect(records).toEqual([
      expect.objectContaining({ status: 499, errorKind: 'aborted', stream: true }),
    ]);
  });
});

describe('createOpenAIHandler: refusals and errors', () => {
  test('unknown route 404, wrong method 405 with allow, bad JSON 400, body over the limit 413', async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['openai']) }), {
      maxBodyBytes: 200,
    });
    const missing = await handle(
      new Request('http://gateway/v1/completions', { method: 'POST', body: '{}' }),
    );
    expect(missing.status).toBe(404);
    const method = await handle(new Request('http://gateway/v1/chat/completions'));
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
    const json = await handle(
      new Request('http://gateway/v1/chat/completions', { method: 'POST', body: '{"model":' }),
    );
    expect(json.status).toBe(400);
    expect((await errorOf(json)).code).toBe('invalid_json');
    const big = await handle(chat({ messages: [{ role: 'user', content: 'x'.repeat(500) }] }));
    expect(big.status).toBe(413);
    expect(fake.count()).toBe(0);
  });

  test('basePath moves the routes', async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['openai']) }), {
      basePath: '/openai/v1/',
    });
    expect((await handle(new Request('http://x/openai/v1/models'))).status).toBe(200);
    expect((await handle(new Request('http://x/v1/models'))).status).toBe(404);
  });

  test("a vendor error after the first token ends the SSE with an error event in OpenAI's shape", async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['openai']) }));
    fake.script('openai', [{ streamErrorAfter: 3 }]);
    const response = await handle(
      chat({
        stream: true,
        messages: [{ role: 'user', content: 'Tell me a long story about retrieval' }],
      }),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const last = text.trim().split('\n\n').at(-1);
    expect(last).toMatch(/^data: \{"error":\{"message":"The stream from \\"openai\\" failed/);
    expect(text).not.toContain('[DONE]');
  });

  test('a failure before the first token gets its status (fallback already tried)', async () => {
    const handle = createOpenAIHandler(
      make({ providers: providersFor(fake, ['openai']), maxRetries: 0 }),
    );
    fake.script('openai', [{ status: 429, retryAfter: 7 }]);
    const response = await handle(chat({ stream: true }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect((await errorOf(response)).type).toBe('rate_limit_error');
  });

  test('every attempt timed out (the deadline): 504', async () => {
    // As the e2e suite's timeoutMs test: a hung vendor, cut by the factory's own timeout.
    const handle = createOpenAIHandler(
      make({ providers: providersFor(fake, ['openai']), maxRetries: 0, timeoutMs: 150 }),
    );
    fake.script('openai', ['hang']);
    const response = await handle(chat({}));
    expect(response.status).toBe(504);
    expect((await errorOf(response)).type).toBe('timeout_error');
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true));
  });

  test('a client-side rate limit refusal (rateLimits rpm) is a 429 with retry-after, never sent upstream', async () => {
    const handle = createOpenAIHandler(
      make({
        providers: providersFor(fake, ['openai']),
        rateLimits: { openai: { rpm: 1 } },
        maxRetries: 0,
      }),
    );
    expect((await handle(chat({}))).status).toBe(200);
    const refused = await handle(chat({}));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(refused)).message).toContain('Client-side');
    expect(fake.count('openai')).toBe(1);
  });

  test("a vendor error mid-stream on /messages ends with Anthropic's error event", async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['anthropic']) }));
    fake.script('anthropic', [{ streamErrorAfter: 5 }]);
    const response = await handle(
      new Request('http://x/v1/messages', {
        method: 'POST',
        body: JSON.stringify({
          model: 'anthropic',
          max_tokens: 200,
          stream: true,
          messages: [{ role: 'user', content: 'Tell me a long story about retrieval' }],
        }),
      }),
    );
    const text = await response.text();
    expect(text.startsWith('event: message_start\n')).toBe(true);
    expect(text.trim().split('\n\n').at(-1)).toMatch(
      /^event: error\ndata: \{"type":"error","error":\{"type":"api_error"/,
    );
    expect(text).not.toContain('message_stop');
  });

  test("/messages errors use Anthropic's shape (unknown model 404)", async () => {
    const handle = createOpenAIHandler(make({ providers: providersFor(fake, ['openai']) }));
    const response = await handle(
      new Request('http://x/v1/messages', {
        method: 'POST',
        body: JSON.stringify({
          model: 'gpt-5-nope',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: expect.stringContaining('gpt-5-nope') },
    });
  });

  test('a bare model id of a configured provider routes to it', async () => {
    const handle = createOpenAIHandler(
      make({ providers: providersFor(fake, ['openai', 'anthropic']) }),
    );
    const response = await handle(chat({ model: 'gpt-4o' }));
    expect(response.headers.get('x-modelmux-provider')).toBe('openai');
    expect(fake.requests('openai')[0]?.body).toMatchObject({ model: 'gpt-4o' });
  });
});
