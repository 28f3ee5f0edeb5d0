import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeErrorType, FakeProviders } from '../../types.js';

let fake: FakeProviders;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new OpenAI({
    apiKey: 'sk-test-secret-123456',
    baseURL: fake.baseURL.openai,
    maxRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const chat = () =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
  });

async function caught(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const cases: [FakeErrorType, number, new (...args: never[]) => Error, string | null, string][] = [
  ['rate_limit', 429, OpenAI.RateLimitError, 'rate_limit_exceeded', 'requests'],
  ['quota', 429, OpenAI.RateLimitError, 'insufficient_quota', 'insufficient_quota'],
  ['auth', 401, OpenAI.AuthenticationError, 'invalid_api_key', 'invalid_request_error'],
  [
    'permission',
    403,
    OpenAI.PermissionDeniedError,
    'unsupported_country_region_territory',
    'invalid_request_error',
  ],
  ['not_found', 404, OpenAI.NotFoundError, 'model_not_found', 'invalid_request_error'],
  ['bad_request', 400, OpenAI.BadRequestError, null, 'invalid_request_error'],
  [
    'context_length',
    400,
    OpenAI.BadRequestError,
    'context_length_exceeded',
    'invalid_request_error',
  ],
  ['server', 500, OpenAI.InternalServerError, null, 'server_error'],
  ['overloaded', 503, OpenAI.InternalServerError, null, 'server_error'],
];

describe('openai errors', () => {
  it.each(cases)(
    '%s → %i with the SDK error class, code and type',
    async (error, status, errorClass, code, type) => {
      fake.script('openai', [{ error }]);
      const err = await caught(chat());
      expect(err).toBeInstanceOf(errorClass);
      expect(err.status).toBe(status);
      expect(err.code).toBe(code);
      expect(err.type).toBe(type);
      expect(err.headers?.get('x-request-id')).toMatch(/^req_/);
    },
  );

  it('writes the context-length step as the real context_length_exceeded error', async () => {
    fake.script('openai', ['context-length']);
    const err = await caught(chat());
    expect(err.status).toBe(400);
    expect(err.code).toBe('context_length_exceeded');
    expect(err.param).toBe('messages');
    expect(err.message).toContain('maximum context length');
  });

  it('sends retry-after and retry-after-ms when scripted, readable through err.headers', async () => {
    fake.script('openai', [
      { status: 429, retryAfter: 2 },
      { error: 'rate_limit', retryAfterMs: 1500 },
    ]);
    const first = await caught(chat());
    expect(first).toBeInstanceOf(OpenAI.RateLimitError);
    expect(first.headers?.get('retry-after')).toBe('2');
    expect(first.headers?.get('retry-after-ms')).toBeNull();
    const second = await caught(chat());
    expect(second.headers?.get('retry-after-ms')).toBe('1500');
    expect(second.headers?.get('retry-after')).toBeNull();
  });

  it('derives the error type from a bare status and keeps a scripted message', async () => {
    fake.script('openai', [
      { status: 503 },
      { status: 502, message: 'bad gateway upstream' },
      { status: 418 },
    ]);
    const overloaded = await caught(chat());
    expect(overloaded.status).toBe(503);
    expect(overloaded.message).toContain('overloaded');
    const gateway = await caught(chat());
    expect(gateway.status).toBe(502);
    expect(gateway.message).toContain('bad gateway upstream');
    const teapot = await caught(chat());
    expect(teapot.status).toBe(418);
    expect(teapot.type).toBe('invalid_request_error');
  });

  it('fails a started stream with an APIError for a streamErrorAfter step', async () => {
    fake.script('openai', [{ streamErrorAfter: 2, error: 'server' }]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'tell me about volcanoes and lava' }],
    });
    const seen: string[] = [];
    const err = await caught(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(err.message).toContain('The server had an error');
  });
});
