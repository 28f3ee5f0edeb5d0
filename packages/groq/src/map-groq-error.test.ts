import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import { groqErrorKind, mapGroqError } from './map-groq-error.js';

// The shared mapping (every status, code, abort and drop) is tested in @modelmux/openai-compatible;
// here: that groq-sdk's own error objects are recognised, and Groq's statuses and wording.
const context = { provider: 'groq', model: 'llama-3.3-70b-versatile' };

describe('groqErrorKind', () => {
  it.each([
    [{ status: 498 }, 'overloaded'],
    [
      { status: 400, message: 'Please reduce the length of the messages or completion.' },
      'context_length',
    ],
    [
      { status: 400, message: "This model's maximum context length is 8192 tokens." },
      'context_length',
    ],
    [{ status: 400, message: 'Too many tokens in the request.' }, 'bad_request'],
  ] as const)('%j → %s', (fields, kind) => {
    expect(groqErrorKind(fields)).toBe(kind);
  });
});

describe('mapGroqError', () => {
  const httpError = (
    status: number,
    error: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => APIError.generate(status, { error }, undefined, new Headers(headers));

  it('reads status, the body’s code and message, and retry-after from an HTTP error', () => {
    const cause = httpError(
      429,
      { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' },
      { 'retry-after': '2' },
    );
    const error = mapGroqError(cause, context);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2000,
      isRetryable: true,
      provider: 'groq',
    });
    expect(error.message).toBe(
      'groq/llama-3.3-70b-versatile rate_limit (HTTP 429): Slow down [rate_limit_exceeded]',
    );
    expect(error.cause).toBe(cause);
    expect(
      mapGroqError(
        httpError(429, { message: 'x' }, { 'retry-after': '2', 'retry-after-ms': '250' }),
        context,
      ).retryAfterMs,
    ).toBe(250);
    expect(
      mapGroqError(
        httpError(429, {
          message: 'Quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        }),
        context,
      ),
    ).toMatchObject({ kind: 'quota_exceeded', isRetryable: false });
  });

  it('reads the code of an error sent inside a stream (inner object only)', () => {
    const inStream = new APIError(
      undefined,
      { message: 'rate limited mid-stream', type: 'tokens', code: 'rate_limit_exceeded' },
      undefined,
      undefined,
    );
    expect(mapGroqError(inStream, context)).toMatchObject({
      kind: 'rate_limit',
      status: undefined,
    });
  });

  it('uses the vendor message, not the JSON of the whole body', () => {
    const error = mapGroqError(
      httpError(400, {
        message: 'Please reduce the length of the messages or completion.',
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
      }),
      context,
    );
    expect(error.kind).toBe('context_length');
    expect(error.message).toContain('Please reduce the length');
    expect(error.message).not.toContain('{"error"');
  });

  it('recognises the SDK’s abort, timeout and connection errors', () => {
    expect(mapGroqError(new APIUserAbortError(), context).kind).toBe('aborted');
    expect(mapGroqError(new APIConnectionTimeoutError(), context)).toMatchObject({
      kind: 'timeout',
      isRetryable: true,
    });
    expect(
      mapGroqError(
        new APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNRESET') }),
        context,
      ),
    ).toMatchObject({ kind: 'network', isRetryable: true });
  });
});
