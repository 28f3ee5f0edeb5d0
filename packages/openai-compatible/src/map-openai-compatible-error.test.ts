import { ProviderError } from '@modelmux/core';
import { createCallSignal, registerSecret } from '@modelmux/core/provider-utils';
import { describe, expect, it } from 'vitest';
import {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorDialect,
} from './map-openai-compatible-error.js';

// The shape of the SDKs' (Stainless-generated) error classes: abort and connection errors are
// APIErrors too, and the timeout is a connection error, so the order of the checks matters.
class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly body: { code?: string; type?: string; message?: string } = {},
    readonly headers: Headers = new Headers(),
  ) {
    super(`${status ?? ''} ${body.message ?? 'error'}`.trim());
  }
}
class APIUserAbortError extends APIError {}
class APIConnectionError extends APIError {}
class APIConnectionTimeoutError extends APIConnectionError {}

const context = { provider: 'acme', model: 'acme-1' };
const dialect: OpenAICompatibleErrorDialect<APIError> = {
  contextLengthMessage: /maximum context length/i,
  sdk: {
    APIUserAbortError,
    APIConnectionTimeoutError,
    APIConnectionError,
    APIError,
    read: (error) => ({ fields: { status: error.status, ...error.body }, headers: error.headers }),
  },
};
const map = (error: unknown, ctx: OpenAICompatibleErrorContext = context) =>
  mapOpenAICompatibleError(error, ctx, dialect);
const api = (
  status: number | undefined,
  body: { code?: string; type?: string; message?: string } = {},
  headers: Record<string, string> = {},
) => new APIError(status, body, new Headers(headers));

describe('openAICompatibleErrorKind', () => {
  it.each([
    [{ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' }, 'quota_exceeded'],
    [{ status: 429, code: 'rate_limit_exceeded', type: 'requests' }, 'rate_limit'],
    [{ status: 401, code: 'invalid_api_key' }, 'auth'],
    [{ status: 403 }, 'permission'],
    [{ status: 404, code: 'model_not_found' }, 'not_found'],
    [{ status: 400, code: 'context_length_exceeded' }, 'context_length'],
    [
      { status: 400, message: "This model's maximum context length is 128000 tokens." },
      'context_length',
    ],
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
    const groqLike: OpenAICompatibleErrorDialect = {
      contextLengthMessage: /reduce the length/i,
      statusKinds: { 498: 'overloaded' },
    };
    expect(openAICompatibleErrorKind({ status: 498 }, groqLike)).toBe('overloaded');
    expect(
      openAICompatibleErrorKind(
        { status: 400, message: 'Please reduce the length of the messages.' },
        groqLike,
      ),
    ).toBe('context_length');
    expect(
      openAICompatibleErrorKind(
        { status: 400, message: 'Please reduce the length of the messages.' },
        dialect,
      ),
    ).toBe('bad_request');
  });
});

describe('mapOpenAICompatibleError', () => {
  it('maps an API error with its status, code, message and retry-after', () => {
    const cause = api(
      429,
      { code: 'rate_limit_exceeded', message: 'Slow down' },
      { 'retry-after': '2' },
    );
    const error = map(cause);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryAfterMs: 2000,
      isRetryable: true,
      provider: 'acme',
      model: 'acme-1',
    });
    expect(error.message).toBe(
      'acme/acme-1 rate_limit (HTTP 429): Slow down [rate_limit_exceeded]',
    );
    expect(error.cause).toBe(cause);
  });

  it('prefers retry-after-ms over retry-after, and leaves retryAfterMs out without either', () => {
    expect(map(api(429, {}, { 'retry-after': '2', 'retry-after-ms': '250' })).retryAfterMs).toBe(
      250,
    );
    expect(map(api(429)).retryAfterMs).toBeUndefined();
  });

  it('maps insufficient_quota to a non-retryable quota_exceeded', () => {
    expect(map(api(429, { code: 'insufficient_quota', type: 'insufficient_quota' }))).toMatchObject(
      { kind: 'quota_exceeded', isRetryable: false },
    );
  });

  it('names an error sent inside a stream (no status) and falls back to the error’s own message', () => {
    const error = map(new APIError(undefined, { code: 'rate_limit_exceeded' }));
    expect(error).toMatchObject({ kind: 'rate_limit', status: undefined });
    expect(error.message).toBe(
      'acme/acme-1 rate_limit: error [rate_limit_exceeded] (sent in the stream)',
    );
  });

  it('recognises the SDK’s abort, timeout and connection errors before the APIError they also are', () => {
    expect(map(new APIUserAbortError(undefined))).toMatchObject({
      kind: 'aborted',
      isRetryable: false,
    });
    expect(
      map(new APIConnectionTimeoutError(undefined, { message: 'Request timed out.' })),
    ).toMatchObject({
      kind: 'timeout',
      isRetryable: true,
      message: 'acme/acme-1 timeout: the request timed out (Request timed out.)',
    });
    const refused = Object.assign(
      new APIConnectionError(undefined, { message: 'Connection error.' }),
      { cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }) },
    );
    expect(map(refused)).toMatchObject({
      kind: 'network',
      message: 'acme/acme-1 network: the connection failed (connect refused ECONNREFUSED)',
    });
  });

  it('asks our timeout first, then the caller’s signal, whatever the SDK threw', () => {
    const controller = new AbortController();
    const call = (timedOut: boolean) => {
      const signal = createCallSignal(controller.signal, undefined);
      return { ...signal, timedOut: () => timedOut };
    };
    controller.abort();
    expect(map(new APIUserAbortError(undefined), { ...context, call: call(true) }).kind).toBe(
      'timeout',
    );
    expect(map(new TypeError('terminated'), { ...context, call: call(false) }).kind).toBe(
      'aborted',
    );
    expect(map(api(500), { ...context, call: call(false) }).kind).toBe('aborted');
  });

  it('reads the vendor’s request id (x-request-id, else request-id)', () => {
    expect(map(api(500, {}, { 'x-request-id': 'req_1' }))).toMatchObject({ requestId: 'req_1' });
    expect(map(api(500, {}, { 'request-id': 'req_2' }))).toMatchObject({ requestId: 'req_2' });
  });

  it('maps a malformed body to a retryable server error and a dropped body to network', () => {
    expect(map(new SyntaxError('Unexpected token < in JSON'))).toMatchObject({
      kind: 'server',
      isRetryable: true,
    });
    expect(map(new TypeError('terminated', { cause: new Error('other side closed') })).kind).toBe(
      'network',
    );
    expect(map(new Error('read ECONNRESET')).kind).toBe('network');
  });

  it('maps anything else to unknown, and an SDK error without the SDK’s classes as a plain error', () => {
    expect(map('a string')).toMatchObject({
      kind: 'unknown',
      message: 'acme/acme-1 unknown: a string',
    });
    expect(map(new Error('odd')).kind).toBe('unknown');
    expect(
      mapOpenAICompatibleError(api(429), context, { contextLengthMessage: /context/ }).kind,
    ).toBe('unknown');
  });

  it('passes a ProviderError through untouched', () => {
    const original = new ProviderError({ kind: 'quality', provider: 'acme', message: 'bad JSON' });
    expect(map(original)).toBe(original);
  });

  it('redacts a key that the vendor echoes in its message', () => {
    registerSecret('plainsecret-echoed-515151');
    const error = map(
      api(401, {
        code: 'invalid_api_key',
        message: 'Incorrect API key provided: plainsecret-echoed-515151',
      }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain('plainsecret-echoed-515151');
    expect(error.message).toContain('[REDACTED]');
  });
});
