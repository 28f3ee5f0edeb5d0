import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AnthropicError,
} from '@anthropic-ai/sdk';
import { InvalidRequestError, ProviderError, type ErrorKind } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { createCallSignal } from '@modelmux/core/provider-utils';
import { mapAnthropicError } from './map-anthropic-error.js';

const context = { provider: 'anthropic-eu', model: 'claude-haiku-4-5' };

function apiError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): APIError {
  return APIError.generate(
    status,
    { type: 'error', error: { type, message } },
    undefined,
    new Headers(headers),
  );
}

function mapped(
  error: unknown,
  extra: Partial<Parameters<typeof mapAnthropicError>[1]> = {},
): ProviderError {
  const result = mapAnthropicError(error, { ...context, ...extra });
  if (!ProviderError.isInstance(result)) throw new Error('expected a ProviderError');
  return result;
}

describe('mapAnthropicError', () => {
  it.each([
    [
      429,
      'rate_limit_error',
      'Number of request tokens has exceeded your per-minute rate limit',
      'rate_limit',
      true,
    ],
    [529, 'overloaded_error', 'Overloaded', 'overloaded', true],
    [401, 'authentication_error', 'invalid x-api-key', 'auth', false],
    [403, 'permission_error', 'Your API key does not have permission', 'permission', false],
    [404, 'not_found_error', 'model: claude-9', 'not_found', false],
    [
      400,
      'invalid_request_error',
      'prompt is too long: 250000 tokens > 200000 maximum',
      'context_length',
      false,
    ],
    [
      400,
      'invalid_request_error',
      'messages: text content blocks must be non-empty',
      'bad_request',
      false,
    ],
    [500, 'api_error', 'Internal server error', 'server', true],
    [502, 'api_error', 'Bad gateway', 'server', true],
    [402, 'billing_error', 'Your credit balance is too low', 'quota_exceeded', false],
  ] as [number, string, string, ErrorKind, boolean][])(
    '%i %s → %s',
    (status, type, message, kind, retryable) => {
      const error = mapped(apiError(status, type, message));
      expect(error.kind).toBe(kind);
      expect(error.isRetryable).toBe(retryable);
      expect(error.status).toBe(status);
      expect(error.provider).toBe('anthropic-eu');
      expect(error.model).toBe('claude-haiku-4-5');
      expect(error.cause).toBeInstanceOf(APIError);
      expect(error.message).toContain(message);
    },
  );

  it('maps a spend-limit 429 (details.error_code) to quota_exceeded, not rate_limit', () => {
    const body = {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'You have reached your specified API usage limits.',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
    };
    const error = mapped(APIError.generate(429, body, undefined, new Headers()));
    expect(error.kind).toBe('quota_exceeded');
    expect(error.isRetryable).toBe(false);
  });

  it('reads retry-after (seconds) into retryAfterMs on a rate limit', () => {
    expect(
      mapped(apiError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' })).retryAfterMs,
    ).toBe(7000);
  });

  it('reads retry-after on an overloaded 529 too', () => {
    const error = mapped(apiError(529, 'overloaded_error', 'Overloaded', { 'retry-after': '2' }));
    expect(error.kind).toBe('overloaded');
    expect(error.retryAfterMs).toBe(2000);
  });

  it('maps an error event inside a stream (no status) by its error.type', () => {
    const streamError = new APIError(
      undefined,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      undefined,
      new Headers(),
      'overloaded_error',
    );
    const error = mapped(streamError);
    expect(error.kind).toBe('overloaded');
    expect(error.status).toBeUndefined();
    expect(error.isRetryable).toBe(true);
  });

  it('maps an untyped stream error to server', () => {
    expect(mapped(new APIError(undefined, { weird: true }, undefined, new Headers())).kind).toBe(
      'server',
    );
  });

  it('maps the SDK abort to aborted, its connection timeout to timeout and a connection failure to network', () => {
    expect(mapped(new APIUserAbortError()).kind).toBe('aborted');
    expect(mapped(new APIUserAbortError()).isRetryable).toBe(false);
    expect(mapped(new APIConnectionTimeoutError()).kind).toBe('timeout');
    const network = mapped(new APIConnectionError({ cause: new TypeError('fetch failed') }));
    expect(network.kind).toBe('network');
    expect(network.isRetryable).toBe(true);
  });

  it('tells our timeout from the caller abort by the call signal, whatever the SDK threw', () => {
    const timedOut = {
      ...createCallSignal(undefined, undefined),
      timedOut: () => true,
      callerAborted: () => false,
    };
    expect(mapped(new APIUserAbortError(), { call: timedOut }).kind).toBe('timeout');
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, undefined);
    caller.abort();
    expect(mapped(new TypeError('terminated'), { call }).kind).toBe('aborted');
    call.dispose();
  });

  it('maps malformed JSON to server and a dropped socket to network', () => {
    expect(mapped(new SyntaxError('Unexpected token < in JSON')).kind).toBe('server');
    expect(mapped(new TypeError('terminated')).kind).toBe('network');
  });

  it('maps a plain SDK error (client-side refusal) to bad_request', () => {
    expect(
      mapped(
        new AnthropicError(
          'Streaming is required for operations that may take longer than 10 minutes',
        ),
      ).kind,
    ).toBe('bad_request');
  });

  it('passes modelmux errors through untouched', () => {
    const invalid = new InvalidRequestError({
      field: 'messages.0.content.0',
      message: 'bad image',
    });
    expect(mapAnthropicError(invalid, context)).toBe(invalid);
    const provider = new ProviderError({ kind: 'quality', provider: 'x', message: 'bad json' });
    expect(mapAnthropicError(provider, context)).toBe(provider);
  });

  it('never carries the API key in its message', () => {
    const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz';
    const error = mapped(apiError(401, 'authentication_error', `invalid x-api-key ${key}`), {
      apiKey: key,
    });
    expect(error.message).not.toContain(key);
    expect(error.message).toContain('[REDACTED]');
  });
});
