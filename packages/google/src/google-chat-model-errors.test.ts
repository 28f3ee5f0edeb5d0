import type { ErrorKind } from '@modelmux/core';
import { inspect } from 'node:util';
import {
  startFakeProviders,
  type FakeProviders,
  type FakeStep,
  providerFailure,
} from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

const apiKey = 'AIzaSyErrorsTestKey_0123456789abcdefgh';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 13 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const sdks: GoogleSdk[] = ['genai', 'legacy'];
let sdk: GoogleSdk = 'genai';

function provider(settings: Parameters<typeof createGoogle>[0] = {}) {
  return createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {}, ...settings });
}

const request = { messages: [{ role: 'user' as const, content: 'hello' }] };

describe.each(sdks)('GoogleChatModel errors (sdk: %s)', (which) => {
  beforeEach(() => {
    sdk = which;
  });
  it.each([
    [{ error: 'rate_limit', retryAfter: 2 }, 'rate_limit', 429, true, 2000],
    [{ error: 'rate_limit' }, 'rate_limit', 429, true, undefined],
    [{ error: 'quota' }, 'quota_exceeded', 429, false, undefined],
    [{ error: 'auth' }, 'auth', 400, false, undefined],
    [{ status: 401 }, 'auth', 401, false, undefined],
    [{ error: 'permission' }, 'permission', 403, false, undefined],
    [{ error: 'not_found' }, 'not_found', 404, false, undefined],
    ['context-length', 'context_length', 400, false, undefined],
    [{ error: 'bad_request' }, 'bad_request', 400, false, undefined],
    [{ error: 'server' }, 'server', 500, true, undefined],
    [{ error: 'overloaded' }, 'overloaded', 503, true, undefined],
  ] as [FakeStep, ErrorKind, number, boolean, number | undefined][])(
    '%j → %s',
    async (step, kind, status, retryable, retryAfterMs) => {
      fake.script('google', [step]);
      const error = await providerFailure(provider({ name: 'gemini' }).generate(request));
      expect(error).toMatchObject({
        kind,
        status,
        isRetryable: retryable,
        provider: 'gemini',
        model: 'gemini-2.5-flash',
      });
      expect(error.retryAfterMs).toBe(retryAfterMs);
      expect(error.message).not.toContain(apiKey);
      expect(fake.count('google')).toBe(1);
    },
  );

  it('maps embed errors the same way', async () => {
    fake.script('google', [{ error: 'rate_limit', retryAfterMs: 1500 }]);
    expect(await providerFailure(provider().embed({ input: ['x'] }))).toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 1500,
      model: 'text-embedding-004',
    });
  });

  it('maps a reset connection to network and a malformed body to server', async () => {
    fake.script('google', ['reset', 'malformed']);
    expect(await providerFailure(provider().generate(request))).toMatchObject({
      kind: 'network',
      isRetryable: true,
    });
    expect(await providerFailure(provider().generate(request))).toMatchObject({ kind: 'server' });
  });

  it('never puts the API key in an error message', async () => {
    fake.script('google', [{ error: 'auth', message: `API key not valid: ${apiKey}` }]);
    const error = await providerFailure(provider().generate(request));
    expect(error.message).not.toContain(apiKey);
    expect(String(error.stack)).not.toContain(apiKey);
    // The whole cause chain too: what console.error would print.
    expect(inspect(error, { depth: 8 })).not.toContain(apiKey);
  });
});
