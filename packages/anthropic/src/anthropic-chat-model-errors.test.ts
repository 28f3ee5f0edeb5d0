import type { ErrorKind } from '@modelmux/core';
import {
  startFakeProviders,
  type FakeProviders,
  type FakeStep,
  providerFailure,
} from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

const apiKey = 'sk-ant-api03-errors-test-key-0123456789';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 3 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

function provider(settings: Parameters<typeof createAnthropic>[0] = {}) {
  return createAnthropic({
    apiKey,
    baseURL: fake.baseURL.anthropic,
    model: 'claude-haiku-4-5',
    env: {},
    ...settings,
  });
}

const request = { messages: [{ role: 'user' as const, content: 'hello' }] };

describe('AnthropicChatModel errors', () => {
  it.each([
    [{ error: 'rate_limit', retryAfter: 3 }, 'rate_limit', 429, true, 3000],
    [{ error: 'overloaded' }, 'overloaded', 529, true, undefined],
    ['context-length', 'context_length', 400, false, undefined],
    [{ error: 'auth' }, 'auth', 401, false, undefined],
    [{ error: 'permission' }, 'permission', 403, false, undefined],
    [{ error: 'not_found' }, 'not_found', 404, false, undefined],
    [{ error: 'bad_request' }, 'bad_request', 400, false, undefined],
    [{ error: 'quota' }, 'quota_exceeded', 429, false, undefined],
    [{ status: 402, error: 'quota' }, 'quota_exceeded', 402, false, undefined],
    [{ error: 'server' }, 'server', 500, true, undefined],
    [{ status: 503 }, 'overloaded', 503, true, undefined],
  ] as [FakeStep, ErrorKind, number, boolean, number | undefined][])(
    '%j → %s',
    async (step, kind, status, retryable, retryAfterMs) => {
      fake.script('anthropic', [step]);
      const error = await providerFailure(provider({ name: 'claude' }).generate(request));
      expect(error).toMatchObject({
        kind,
        status,
        isRetryable: retryable,
        provider: 'claude',
        model: 'claude-haiku-4-5',
      });
      expect(error.retryAfterMs).toBe(retryAfterMs);
      expect(error.cause).toBeInstanceOf(Error);
      expect(fake.count('anthropic')).toBe(1); // SDK retries are off
    },
  );

  it('maps a reset connection to network', async () => {
    fake.script('anthropic', ['reset']);
    expect(await providerFailure(provider().generate(request))).toMatchObject({
      kind: 'network',
      isRetryable: true,
    });
  });

  it('maps a malformed JSON body to server', async () => {
    fake.script('anthropic', ['malformed']);
    expect(await providerFailure(provider().generate(request))).toMatchObject({ kind: 'server' });
  });

  it('never sends a request for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      await providerFailure(provider().generate({ ...request, signal: controller.signal })),
    ).toMatchObject({ kind: 'aborted' });
    expect(fake.count('anthropic')).toBe(0);
  });

  it('never puts the API key in an error message', async () => {
    fake.script('anthropic', [{ error: 'auth', message: `invalid x-api-key: ${apiKey}` }]);
    const error = await providerFailure(provider().generate(request));
    expect(error.message).not.toContain(apiKey);
    expect(String(error.stack)).not.toContain(apiKey);
  });
});
