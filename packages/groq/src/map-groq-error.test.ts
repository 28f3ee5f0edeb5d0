import { ProviderError, registerSecret } from '@modelmux/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import { mapGroqError, groqErrorKind } from './map-groq-error.js';

const context = { provider: 'groq', model: 'llama-3.3-70b-versatile' };

function apiError(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error }, undefined, new Headers(headers));
}

describe('groqErrorKind', () => {
  it.each([
    [{ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' }, 'quota_exceeded'],
    [{ status: 429, code: 'rate_limit_exceeded', type: 'requests' }, 'rate_limit'],
    [{ status: 401, code: 'invalid_api_key' }, 'auth'],
    [{ status: 403 }, 'permission'],
    [{ status: 404, code: 'model_not_found' }, 'not_found'],
    [{ status: 400, code: 'context_length_exceeded' }, 'context_length'],
    [{ status: 400, message: "This model's maximum context length is 128000 tokens." }, 'context_length'],
    [{ status: 400, code: 'invalid_value' }, 'bad_request'],
    [{ status: 422 }, 'bad_request'],
    [{ status: 408 }, 'timeout'],
    [{ status: 500 }, 'server'],
    [{ status: 502 }, 'server'],
    [{ status: 503 }, 'overloaded'],
    [{ status: 529 }, 'overloaded'],
    [{ status: 498 }, 'overloaded'],
    [{ status: undefined, type: 'server_error' }, 'server'],
    [{ status: undefined, code: 'rate_limit_exceeded' }, 'rate_limit'],
  ] as const)('%j → %s', (fields, kind) => {
    expect(groqErrorKind(fields)).toBe(kind);
  });
});

describe('mapGroqError', () => {
  it('maps a 429 with retry-after seconds to a retryable rate_limit with retryAfterMs', () => {
    const error = mapGroqError(apiError(429, { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '2' }), context);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 2000, isRetryable: true, provider: 'groq', model: 'llama-3.3-70b-versatile' });
    expect(error.cause).toBeInstanceOf(APIError);
  });

  it('prefers retry-after-ms over retry-after', () => {
    const error = mapGroqError(apiError(429, { message: 'x', code: 'rate_limit_exceeded' }, { 'retry-after': '2', 'retry-after-ms': '250' }), context);
    expect(error.retryAfterMs).toBe(250);
  });

  it('maps insufficient_quota to a non-retryable quota_exceeded', () => {
    const error = mapGroqError(apiError(429, { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' }), context);
    expect(error).toMatchObject({ kind: 'quota_exceeded', isRetryable: false, status: 429 });
  });

  it('maps a caller abort to aborted and the SDK timeout to timeout', () => {
    expect(mapGroqError(new APIUserAbortError(), context).kind).toBe('aborted');
    expect(mapGroqError(new APIConnectionTimeoutError(), context)).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('reports an abort when the caller signal fired, whatever the SDK threw', () => {
    const controller = new AbortController();
    controller.abort();
    expect(mapGroqError(new TypeError('terminated'), { ...context, signal: controller.signal }).kind).toBe('aborted');
  });

  it('maps connection failures and dropped bodies to network', () => {
    expect(mapGroqError(new APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNRESET') }), context).kind).toBe('network');
    expect(mapGroqError(new TypeError('terminated', { cause: new Error('other side closed') }), context).kind).toBe('network');
  });

  it('maps a malformed body (SyntaxError) to a retryable server error', () => {
    const error = mapGroqError(new SyntaxError('Unexpected token < in JSON'), context);
    expect(error).toMatchObject({ kind: 'server', isRetryable: true });
  });

  it('reads the code of an error sent inside a stream (inner object only)', () => {
    const inStream = new APIError(undefined, { message: 'rate limited mid-stream', type: 'tokens', code: 'rate_limit_exceeded' }, undefined, undefined);
    expect(mapGroqError(inStream, context)).toMatchObject({ kind: 'rate_limit', status: undefined });
  });

  it('uses the vendor message, not the JSON of the whole body', () => {
    const error = mapGroqError(apiError(400, { message: 'Please reduce the length of the messages or completion.', type: 'invalid_request_error', code: 'context_length_exceeded' }), context);
    expect(error.kind).toBe('context_length');
    expect(error.message).toContain('Please reduce the length');
    expect(error.message).not.toContain('{"error"');
  });

  it('passes a ProviderError through untouched', () => {
    const original = new ProviderError({ kind: 'quality', provider: 'groq', message: 'bad JSON' });
    expect(mapGroqError(original, context)).toBe(original);
  });

  it('redacts a key that the vendor echoes in its message', () => {
    registerSecret('plainsecret-echoed-424242');
    const error = mapGroqError(apiError(401, { message: 'Incorrect API key provided: plainsecret-echoed-424242', code: 'invalid_api_key' }), context);
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('plainsecret-echoed-424242');
    expect(error.message).toContain('[REDACTED]');
  });
});
