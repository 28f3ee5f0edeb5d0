import {
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIRequestInputError,
  GoogleGenerativeAIResponseError,
} from '@google/generative-ai';
import { ApiError } from '@google/genai';
import { InvalidRequestError, ProviderError, type ErrorKind } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { createCallSignal } from '@modelmux/core';
import { googleErrorKind, mapGoogleError } from './map-google-error.js';

const context = { provider: 'gemini', model: 'gemini-2.5-flash' };
const url = 'http://127.0.0.1:9/v1beta/models/gemini-2.5-flash:generateContent';

function fetchError(
  status: number,
  statusText: string,
  message: string,
  details?: unknown[],
): GoogleGenerativeAIFetchError {
  return new GoogleGenerativeAIFetchError(
    `Error fetching from ${url}: [${status} ${statusText}] ${message}`,
    status,
    statusText,
    details as never,
  );
}

function mapped(
  error: unknown,
  extra: Partial<Parameters<typeof mapGoogleError>[1]> = {},
): ProviderError {
  const result = mapGoogleError(error, { ...context, ...extra });
  if (!ProviderError.isInstance(result)) throw new Error('expected a ProviderError');
  return result;
}

const retryInfo = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' };
const quotaFailure = {
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests' }],
};

describe('mapGoogleError', () => {
  it.each([
    [429, 'Too Many Requests', 'Resource has been exhausted', [retryInfo], 'rate_limit'],
    [429, 'Too Many Requests', 'Quota exceeded', [quotaFailure], 'quota_exceeded'],
    [
      400,
      'Bad Request',
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      undefined,
      'context_length',
    ],
    [
      400,
      'Bad Request',
      'API key not valid. Please pass a valid API key.',
      [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      'auth',
    ],
    [
      400,
      'Bad Request',
      '* GenerateContentRequest.contents: contents is not specified',
      undefined,
      'bad_request',
    ],
    [401, 'Unauthorized', 'Request had invalid authentication credentials.', undefined, 'auth'],
    [403, 'Forbidden', 'The caller does not have permission', undefined, 'permission'],
    [404, 'Not Found', 'models/gemini-9 is not found', undefined, 'not_found'],
    [500, 'Internal Server Error', 'An internal error has occurred.', undefined, 'server'],
    [
      503,
      'Service Unavailable',
      'The model is overloaded. Please try again later.',
      undefined,
      'overloaded',
    ],
    [504, 'Gateway Timeout', 'Deadline exceeded', undefined, 'timeout'],
  ] as [number, string, string, unknown[] | undefined, ErrorKind][])(
    '%i %s (%s) → %s',
    (status, statusText, message, details, kind) => {
      const error = mapped(fetchError(status, statusText, message, details));
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.provider).toBe('gemini');
      expect(error.model).toBe('gemini-2.5-flash');
      expect(error.cause).toBeInstanceOf(GoogleGenerativeAIFetchError);
      expect(error.message).toBe(`gemini/gemini-2.5-flash ${kind} (HTTP ${status}): ${message}`);
      expect(error.message).not.toContain(url);
    },
  );

  it('reads RetryInfo retryDelay into retryAfterMs', () => {
    const error = mapped(
      fetchError(429, 'Too Many Requests', 'slow down', [quotaFailure, retryInfo]),
    );
    expect(error.kind).toBe('rate_limit');
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
  });

  it('treats a per-day quota as quota_exceeded even with a RetryInfo', () => {
    const perDay = {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
    };
    expect(googleErrorKind(429, 'Quota exceeded', [perDay, retryInfo])).toBe('quota_exceeded');
  });

  it('maps a blocked response to content_filter and bad SDK input to bad_request', () => {
    expect(
      mapped(new GoogleGenerativeAIResponseError('Candidate was blocked due to SAFETY')).kind,
    ).toBe('content_filter');
    expect(
      mapped(
        new GoogleGenerativeAIRequestInputError('Cannot set reserved header name x-goog-api-key'),
      ).kind,
    ).toBe('bad_request');
  });

  it('tells our timeout from the caller abort, though the SDK throws the same abort error for both', () => {
    const sdkAbort = new GoogleGenerativeAIAbortError(
      `Request aborted when fetching ${url}: This operation was aborted`,
    );
    const timedOut = {
      ...createCallSignal(undefined, undefined),
      timedOut: () => true,
      callerAborted: () => false,
    };
    expect(mapped(sdkAbort, { call: timedOut }).kind).toBe('timeout');
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, undefined);
    caller.abort();
    const aborted = mapped(sdkAbort, { call });
    expect(aborted.kind).toBe('aborted');
    expect(aborted.isRetryable).toBe(false);
    call.dispose();
  });

  it('maps a failed fetch and a broken stream to network, malformed JSON to server', () => {
    expect(
      mapped(new GoogleGenerativeAIError(`Error fetching from ${url}: fetch failed`)).kind,
    ).toBe('network');
    expect(mapped(new GoogleGenerativeAIError('Error reading from the stream')).kind).toBe(
      'network',
    );
    expect(
      mapped(new GoogleGenerativeAIError('Error parsing JSON response: "{not json"')).kind,
    ).toBe('server');
    expect(mapped(new GoogleGenerativeAIError('Failed to parse stream')).kind).toBe('server');
    expect(mapped(new SyntaxError('Unexpected token')).kind).toBe('server');
  });

  it('passes modelmux errors through', () => {
    const invalid = new InvalidRequestError({ field: 'x', message: 'y' });
    expect(mapGoogleError(invalid, context)).toBe(invalid);
  });

  it('never carries the API key in its message', () => {
    const key = 'AIzaSyD-abcdefghijklmnopqrstuvwxyz012345';
    const error = mapped(fetchError(400, 'Bad Request', `API key not valid: ${key}`), {
      apiKey: key,
    });
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(key);
  });
});

describe('mapGoogleError on @google/genai errors', () => {
  const apiError = (status: number, error: Record<string, unknown>, prefix = '') =>
    new ApiError({ status, message: `${prefix}${JSON.stringify({ error })}` });

  it('reads the JSON error body: kind from status and details, RetryInfo into retryAfterMs', () => {
    const limited = mapped(
      apiError(429, {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
        details: [retryInfo],
      }),
    );
    expect(limited).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 2000 });
    expect(limited.message).toBe(
      'gemini/gemini-2.5-flash rate_limit (HTTP 429): Resource has been exhausted (e.g. check quota).',
    );
    expect(limited.cause).toBeInstanceOf(ApiError);
    expect(
      mapped(apiError(429, { code: 429, message: 'Quota', details: [quotaFailure] })).kind,
    ).toBe('quota_exceeded');
    expect(
      mapped(
        apiError(400, {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
          ],
        }),
      ).kind,
    ).toBe('auth');
    expect(mapped(apiError(503, { code: 503, message: 'The model is overloaded.' })).kind).toBe(
      'overloaded',
    );
  });

  it('reads an error sent inside a stream ("got status: …. {json}")', () => {
    const error = mapped(
      apiError(
        503,
        { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
        'got status: UNAVAILABLE. ',
      ),
    );
    expect(error).toMatchObject({ kind: 'overloaded', status: 503, isRetryable: true });
    expect(error.message).toBe(
      'gemini/gemini-2.5-flash overloaded (HTTP 503): The model is overloaded.',
    );
  });

  it('keeps a non-JSON error body as the message', () => {
    expect(
      mapped(new ApiError({ status: 502, message: '<html>Bad Gateway</html>' })),
    ).toMatchObject({
      kind: 'server',
      status: 502,
    });
  });

  it('maps its stream and fetch failures: a cut body → network, a malformed chunk → server', () => {
    expect(mapped(new TypeError('terminated')).kind).toBe('network');
    expect(mapped(new Error('Incomplete JSON segment at the end')).kind).toBe('network');
    expect(mapped(new Error('exception parsing stream chunk {"candidates":[. x')).kind).toBe(
      'server',
    );
  });

  it('maps missing Google Cloud credentials (Vertex AI) to auth', () => {
    expect(
      mapped(
        new Error(
          'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.',
        ),
      ).kind,
    ).toBe('auth');
  });

  it('makes a value the SDK could not serialise the caller’s InvalidRequestError', () => {
    const error = mapGoogleError(new TypeError('Converting circular structure to JSON'), context);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
  });
});
