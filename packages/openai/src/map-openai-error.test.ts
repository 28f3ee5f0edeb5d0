import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { mapOpenAIError, openAIErrorKind } from './map-openai-error.js';

// The shared mapping (every status, code, abort and drop) is tested in @modelmux/openai-compatible;
// here: that the openai SDK's own error objects are recognised, and OpenAI's wording.
const context = { provider: 'openai', model: 'gpt-4o-mini' };

function apiError(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
): APIError {
  return APIError.generate(status, { error }, undefined, new Headers(headers));
}

describe('openAIErrorKind', () => {
  it.each([
    [
      { status: 400, message: "This model's maximum context length is 128000 tokens." },
      'context_length',
    ],
    [{ status: 400, message: 'Too many tokens in the request.' }, 'context_length'],
    [{ status: 400, message: 'Please reduce the length of the messages.' }, 'bad_request'],
    [{ status: 429, code: 'insufficient_quota' }, 'quota_exceeded'],
    [{ status: 498 }, 'unknown'],
  ] as const)('%j → %s', (fields, kind) => {
    expect(openAIErrorKind(fields)).toBe(kind);
  });
});

describe('mapOpenAIError', () => {
  it('reads status, code, message and retry-after from the SDK’s APIError', () => {
    const cause = apiError(
      429,
      { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' },
      { 'retry-after': '2' },
    );
    const error = mapOpenAIError(cause, context);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2000,
      isRetryable: true,
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(error.message).toBe(
      'openai/gpt-4o-mini rate_limit (HTTP 429): Slow down [rate_limit_exceeded]',
    );
    expect(error.cause).toBe(cause);
    expect(
      mapOpenAIError(
        apiError(429, { message: 'x' }, { 'retry-after': '2', 'retry-after-ms': '250' }),
        context,
      ).retryAfterMs,
    ).toBe(250);
  });

  it('reads the code of an insufficient_quota body', () => {
    const error = mapOpenAIError(
      apiError(429, {
        message: 'You exceeded your current quota',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      }),
      context,
    );
    expect(error).toMatchObject({ kind: 'quota_exceeded', isRetryable: false, status: 429 });
  });

  it('recognises the SDK’s abort, timeout and connection errors', () => {
    expect(mapOpenAIError(new APIUserAbortError(), context).kind).toBe('aborted');
    expect(mapOpenAIError(new APIConnectionTimeoutError(), context)).toMatchObject({
      kind: 'timeout',
      isRetryable: true,
    });
    expect(
      mapOpenAIError(
        new APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNRESET') }),
        context,
      ),
    ).toMatchObject({ kind: 'network', isRetryable: true });
  });
});
