import { ProviderError, registerSecret } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { mapOpenAICompatibleError, openAICompatibleErrorKind, type OpenAICompatibleErrorDialect, type OpenAICompatibleSdkError } from './map-openai-compatible-error.js';

const context = { provider: 'acme', model: 'acme-1' };
const dialect: OpenAICompatibleErrorDialect = { contextLengthMessage: /maximum context length/i };
const map = (error: unknown, sdkError?: OpenAICompatibleSdkError, ctx: Parameters<typeof mapOpenAICompatibleError>[1] = context) =>
  mapOpenAICompatibleError(error, ctx, sdkError, dialect);
const api = (status: number | undefined, fields: { code?: string; type?: string; message?: string } = {}, headers: Record<string, string> = {}): OpenAICompatibleSdkError => ({
  type: 'api',
  fields: { status, ...fields },
  headers: new Headers(headers),
});

describe('openAICompatibleErrorKind', () => {
  it.each([
    [{ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' }, 'quota_exceeded'],
    [{ status: 429, code: 'rate_limit_exceeded', type: 'requests' }, 'rate_limit'],
    [{ status: 401, code: 'invalid_api_key' }, 'auth'],
    [{ status: 403 }, 'permission'],
    [{ status: 404, code: 'model_not_found' }, 'not_found'],
    [{ status: 400, code: 'context_length_exceeded' }, 'context_length'],
    [{ status: 400, message: "This model's maximum context length is 128000 tokens." }, 'context_length'],
    [{ status: 500, message: 'maximum context length' }, 'server'],
    [{ status: 400, code: 'invalid_value' }, 'bad_request'],
    [{ status: 422 }, 'bad_request'],
    [{ status: 408 }, 'timeout'],
    [{ status: 500 }, 'server'],
    [{ status: 502 }, 'server'],
    [{ status: 503 }, 'overloaded'],
    [{ status: 529 }, 'overloaded'],
    [{ status: 498 }, 'unknown'],
    [{ status: undefined, type: 'server_error' }, 'server'],
    [{ status: undefined, code: 'rate_limit_exceeded' }, 'rate_limit'],
    [{ status: undefined, type: 'invalid_request_error' }, 'bad_request'],
    [{ status: undefined, message: 'maximum context length exceeded' }, 'context_length'],
  ] as const)('%j → %s', (fields, kind) => {
    expect(openAICompatibleErrorKind(fields, dialect)).toBe(kind);
  });

  it('reads the vendor’s own statuses and wording first', () => {
    const groqLike: OpenAICompatibleErrorDialect = { contextLengthMessage: /reduce the length/i, statusKinds: { 498: 'overloaded' } };
    expect(openAICompatibleErrorKind({ status: 498 }, groqLike)).toBe('overloaded');
    expect(openAICompatibleErrorKind({ status: 400, message: 'Please reduce the length of the messages.' }, groqLike)).toBe('context_length');
    expect(openAICompatibleErrorKind({ status: 400, message: 'Please reduce the length of the messages.' }, dialect)).toBe('bad_request');
  });
});

describe('mapOpenAICompatibleError', () => {
  it('maps an API error with its status, code, message and retry-after', () => {
    const cause = new Error('429 Slow down');
    const error = map(cause, api(429, { code: 'rate_limit_exceeded', message: 'Slow down' }, { 'retry-after': '2' }));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 2000, isRetryable: true, provider: 'acme', model: 'acme-1' });
    expect(error.message).toBe('acme (acme-1) failed with 429 [rate_limit_exceeded]: Slow down');
    expect(error.cause).toBe(cause);
  });

  it('prefers retry-after-ms over retry-after, and leaves retryAfterMs out without either', () => {
    expect(map(new Error('x'), api(429, {}, { 'retry-after': '2', 'retry-after-ms': '250' })).retryAfterMs).toBe(250);
    expect(map(new Error('x'), api(429)).retryAfterMs).toBeUndefined();
  });

  it('maps insufficient_quota to a non-retryable quota_exceeded', () => {
    expect(map(new Error('x'), api(429, { code: 'insufficient_quota', type: 'insufficient_quota' }))).toMatchObject({ kind: 'quota_exceeded', isRetryable: false });
  });

  it('names an error sent inside a stream (no status) and falls back to the error’s own message', () => {
    const error = map(new Error('rate limited mid-stream'), api(undefined, { code: 'rate_limit_exceeded' }));
    expect(error).toMatchObject({ kind: 'rate_limit', status: undefined });
    expect(error.message).toBe('acme (acme-1) failed with an error in the stream [rate_limit_exceeded]: rate limited mid-stream');
  });

  it('maps the SDK’s abort to aborted, its timeout to timeout and its connection error to network', () => {
    expect(map(new Error('Request was aborted.'), { type: 'aborted' })).toMatchObject({ kind: 'aborted', isRetryable: false });
    expect(map(new Error('Request timed out.'), { type: 'timeout' })).toMatchObject({ kind: 'timeout', isRetryable: true, message: 'acme: the request timed out (Request timed out.)' });
    const connection = map(new Error('Connection error.', { cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }) }), { type: 'connection' });
    expect(connection).toMatchObject({ kind: 'network', message: 'acme: connection failed (connect refused ECONNREFUSED)' });
  });

  it('asks our timeout first, then the caller’s signal, whatever the SDK threw', () => {
    const controller = new AbortController();
    controller.abort();
    expect(map(new Error('x'), { type: 'aborted' }, { ...context, signal: controller.signal, timedOut: () => true }).kind).toBe('timeout');
    expect(map(new TypeError('terminated'), undefined, { ...context, signal: controller.signal, timedOut: () => false }).kind).toBe('aborted');
    expect(map(new Error('x'), api(500), { ...context, signal: controller.signal }).kind).toBe('aborted');
  });

  it('maps a malformed body to a retryable server error and a dropped body to network', () => {
    expect(map(new SyntaxError('Unexpected token < in JSON'))).toMatchObject({ kind: 'server', isRetryable: true });
    expect(map(new TypeError('terminated', { cause: new Error('other side closed') })).kind).toBe('network');
    expect(map(new Error('read ECONNRESET')).kind).toBe('network');
  });

  it('maps anything else to unknown', () => {
    expect(map('a string')).toMatchObject({ kind: 'unknown', message: 'acme (acme-1) failed: a string' });
    expect(map(new Error('odd')).kind).toBe('unknown');
  });

  it('passes a ProviderError through untouched', () => {
    const original = new ProviderError({ kind: 'quality', provider: 'acme', message: 'bad JSON' });
    expect(map(original, api(500))).toBe(original);
  });

  it('redacts a key that the vendor echoes in its message', () => {
    registerSecret('plainsecret-echoed-515151');
    const error = map(new Error('x'), api(401, { code: 'invalid_api_key', message: 'Incorrect API key provided: plainsecret-echoed-515151' }));
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('plainsecret-echoed-515151');
    expect(error.message).toContain('[REDACTED]');
  });
});
