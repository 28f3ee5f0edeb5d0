import { GoogleGenerativeAI, GoogleGenerativeAIFetchError } from '@google/generative-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProviders } from '../../server/start-fake-providers.js';
import type { FakeErrorType, FakeProviders } from '../../types.js';

let fake: FakeProviders;
const genAI = new GoogleGenerativeAI('AIzaSyTEST-secret-0000000000000000');
const ask = () =>
  genAI
    .getGenerativeModel({ model: 'gemini-2.0-flash' }, { baseUrl: fake.url, timeout: 5000 })
    .generateContent('hello');

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function caught(promise: Promise<unknown>): Promise<GoogleGenerativeAIFetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GoogleGenerativeAIFetchError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const detailType = (err: GoogleGenerativeAIFetchError, type: string) =>
  (err.errorDetails as { '@type': string }[] | undefined)?.find((d) => d['@type'].endsWith(type));

const cases: [FakeErrorType, number, string][] = [
  ['rate_limit', 429, 'RESOURCE_EXHAUSTED'],
  ['quota', 429, 'RESOURCE_EXHAUSTED'],
  ['auth', 400, 'INVALID_ARGUMENT'],
  ['permission', 403, 'PERMISSION_DENIED'],
  ['not_found', 404, 'NOT_FOUND'],
  ['bad_request', 400, 'INVALID_ARGUMENT'],
  ['context_length', 400, 'INVALID_ARGUMENT'],
  ['server', 500, 'INTERNAL'],
  ['overloaded', 503, 'UNAVAILABLE'],
];

describe('gemini errors', () => {
  it.each(cases)(
    '%s → %i %s as GoogleGenerativeAIFetchError',
    async (error, status, statusName) => {
      fake.script('google', [{ error }]);
      const err = await caught(ask());
      expect(err.status).toBe(status);
      const raw = await fetch(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent`, {
        method: 'POST',
        body: '{}',
      });
      expect(raw.status).toBe(200);
      fake.script('google', [{ error }]);
      const body = (await (
        await fetch(`${fake.url}/v1beta/models/gemini-2.0-flash:generateContent`, {
          method: 'POST',
          body: '{}',
        })
      ).json()) as { error: { code: number; status: string } };
      expect(body.error).toMatchObject({ code: status, status: statusName });
    },
  );

  it('marks a bad key with ErrorInfo API_KEY_INVALID, as the real API does', async () => {
    fake.script('google', [{ error: 'auth' }, { status: 401 }]);
    const bad = await caught(ask());
    expect(detailType(bad, 'ErrorInfo')).toMatchObject({ reason: 'API_KEY_INVALID' });
    const unauthenticated = await caught(ask());
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.message).toContain('[401 Unauthorized]');
  });

  it('adds RetryInfo retryDelay for a scripted wait and QuotaFailure for quota', async () => {
    fake.script('google', [
      { status: 429, retryAfter: 2 },
      { error: 'quota', retryAfterMs: 1500 },
      { error: 'rate_limit' },
    ]);
    const limited = await caught(ask());
    expect(detailType(limited, 'RetryInfo')).toEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    });
    const quota = await caught(ask());
    expect(detailType(quota, 'RetryInfo')).toMatchObject({ retryDelay: '1.5s' });
    expect(detailType(quota, 'QuotaFailure')).toMatchObject({
      violations: [{ quotaDimensions: { model: 'gemini-2.0-flash' } }],
    });
    const plain = await caught(ask());
    expect(plain.errorDetails).toBeUndefined();
  });

  it('writes the context-length step as the input token count error', async () => {
    fake.script('google', ['context-length']);
    const err = await caught(ask());
    expect(err.status).toBe(400);
    expect(err.message).toMatch(
      /The input token count \(\d+\) exceeds the maximum number of tokens allowed \(\d+\)\./,
    );
  });
});
