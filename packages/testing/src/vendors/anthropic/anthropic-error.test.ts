import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeErrorType, FakeProviders } from '../../types.js';

let fake: FakeProviders;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeProviders();
  client = new Anthropic({
    apiKey: 'sk-ant-test-secret-123456',
    baseURL: fake.baseURL.anthropic,
    maxRetries: 0,
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const ask = () =>
  client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hello' }],
  });

async function caught(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Anthropic.APIError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const cases: [FakeErrorType, number, new (...args: never[]) => Error, string][] = [
  ['rate_limit', 429, Anthropic.RateLimitError, 'rate_limit_error'],
  ['quota', 429, Anthropic.RateLimitError, 'rate_limit_error'],
  ['auth', 401, Anthropic.AuthenticationError, 'authentication_error'],
  ['permission', 403, Anthropic.PermissionDeniedError, 'permission_error'],
  ['not_found', 404, Anthropic.NotFoundError, 'not_found_error'],
  ['bad_request', 400, Anthropic.BadRequestError, 'invalid_request_error'],
  ['context_length', 400, Anthropic.BadRequestError, 'invalid_request_error'],
  ['server', 500, Anthropic.InternalServerError, 'api_error'],
  ['overloaded', 529, Anthropic.InternalServerError, 'overloaded_error'],
];

describe('anthropic errors', () => {
  it.each(cases)(
    '%s → %i with the SDK error class and error type',
    async (error, status, errorClass, type) => {
      fake.script('anthropic', [{ error }]);
      const err = await caught(ask());
      expect(err).toBeInstanceOf(errorClass);
      expect(err.status).toBe(status);
      expect(err.type).toBe(type);
      expect(err.requestID).toMatch(/^req_/);
      expect((err.error as { type?: string }).type).toBe('error');
    },
  );

  it('marks quota as the spend limit through details.error_code, and a scripted 402 as billing_error', async () => {
    fake.script('anthropic', [{ error: 'quota' }, { status: 402 }]);
    const spend = await caught(ask());
    expect(spend.errorCode).toBe('enforced_spend_limit_reached');
    const billing = await caught(ask());
    expect(billing.status).toBe(402);
    expect(billing.type).toBe('billing_error');
  });

  it('writes the context-length step as "prompt is too long"', async () => {
    fake.script('anthropic', ['context-length']);
    const err = await caught(ask());
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/prompt is too long: \d+ tokens > \d+ maximum/);
  });

  it('sends retry-after in seconds (a scripted retryAfterMs is rounded up)', async () => {
    fake.script('anthropic', [
      { status: 429, retryAfter: 3 },
      { error: 'overloaded', retryAfterMs: 1200 },
    ]);
    const first = await caught(ask());
    expect(first.headers?.get('retry-after')).toBe('3');
    const second = await caught(ask());
    expect(second.status).toBe(529);
    expect(second.headers?.get('retry-after')).toBe('2');
    expect(second.headers?.get('retry-after-ms')).toBeNull();
  });

  it('fails a started stream with an `event: error` for a streamErrorAfter step', async () => {
    fake.script('anthropic', [{ streamErrorAfter: 3, error: 'overloaded' }]);
    const stream = client.messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'tell me about volcanoes and lava' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const err = await caught(stream.finalMessage());
    // The third event is the ping, which the SDK skips.
    expect(types).toEqual(['message_start', 'content_block_start']);
    expect(err.type).toBe('overloaded_error');
  });
});
