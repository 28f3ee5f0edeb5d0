import {
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIRequestInputError,
  GoogleGenerativeAIResponseError,
} from '@google/generative-ai';
import {
  ModelmuxError,
  ProviderError,
  errorKindFromStatus,
  parseDurationMs,
  redactSecrets,
  type ErrorKind,
} from '@modelmux/core';
import type { CallSignal } from '@modelmux/core';

/** What the error mapping needs to know about the failed call. */
export interface GoogleErrorContext {
  provider: string;
  model: string;
  /** The call's signal: tells our timeout from the caller's abort (the SDK reports both alike). */
  call?: CallSignal;
  apiKey?: string;
}

/** One entry of a Google API error's `details` (`google.rpc.*`). */
interface ErrorDetail {
  '@type'?: string;
  reason?: string;
  retryDelay?: string;
  violations?: { quotaId?: string; quotaMetric?: string; description?: string }[];
}

/**
 * Decides the kind of a Gemini HTTP error from its status, message and `details`: a 400
 * `API_KEY_INVALID` is `auth`, a 400 saying the input "exceeds the maximum number of tokens" is
 * `context_length`; a 429 with a `QuotaFailure` and no `RetryInfo` (or a per-day quota) is
 * `quota_exceeded`, any other 429 `rate_limit`; 503 is `overloaded`, 504 `timeout`.
 */
export function googleErrorKind(
  status: number | undefined,
  message: string,
  details: readonly ErrorDetail[] = [],
): ErrorKind {
  const find = (type: string): ErrorDetail | undefined =>
    details.find((d) => d['@type']?.endsWith(type));
  if (
    find('google.rpc.ErrorInfo')?.reason === 'API_KEY_INVALID' ||
    /API key not valid|API_KEY_INVALID/i.test(message)
  )
    return 'auth';
  if (
    status === 400 &&
    /exceeds the maximum number of tokens|input token count .* exceeds|too many tokens/i.test(
      message,
    )
  )
    return 'context_length';
  if (status === 429) {
    const quota = find('google.rpc.QuotaFailure');
    const perDay = quota?.violations?.some((v) =>
      /per ?day/i.test(`${v.quotaId ?? ''} ${v.quotaMetric ?? ''} ${v.description ?? ''}`),
    );
    return quota && (perDay || !find('google.rpc.RetryInfo')) ? 'quota_exceeded' : 'rate_limit';
  }
  if (status === 504) return 'timeout';
  return errorKindFromStatus(status);
}

/**
 * Turns anything the Gemini SDK throws into a typed error: HTTP errors by `googleErrorKind`
 * (RetryInfo `retryDelay` → `retryAfterMs`), a blocked response → `content_filter`, an abort →
 * `timeout` when our timer fired or `aborted` when the caller's signal did, a failed fetch or a
 * broken stream → `network`, unparsable JSON → `server`. Messages are redacted of the key.
 */
export function mapGoogleError(error: unknown, context: GoogleErrorContext): ModelmuxError {
  if (ModelmuxError.isInstance(error)) return error;
  const make = (
    kind: ErrorKind,
    message: string,
    extra: { status?: number; retryAfterMs?: number } = {},
  ): ProviderError =>
    new ProviderError({
      kind,
      provider: context.provider,
      model: context.model,
      message: redactSecrets(`Gemini ${kind.replace('_', ' ')}: ${message}`, [context.apiKey]),
      cause: error,
      ...extra,
    });

  if (context.call?.timedOut()) return make('timeout', 'the request timed out');
  if (context.call?.callerAborted())
    return make('aborted', 'the request was aborted by the caller');
  if (error instanceof GoogleGenerativeAIFetchError) {
    const details = Array.isArray(error.errorDetails) ? (error.errorDetails as ErrorDetail[]) : [];
    const message = apiMessage(error.message);
    const kind = googleErrorKind(error.status, message, details);
    const retryAfterMs = parseDurationMs(
      details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay,
    );
    return make(kind, message, {
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (error instanceof GoogleGenerativeAIResponseError)
    return make('content_filter', stripPrefix(error.message));
  if (error instanceof GoogleGenerativeAIAbortError)
    return make('aborted', 'the request was aborted');
  if (error instanceof GoogleGenerativeAIRequestInputError)
    return make('bad_request', stripPrefix(error.message));
  if (error instanceof GoogleGenerativeAIError) {
    const message = stripPrefix(error.message);
    if (/Error parsing JSON|Failed to parse stream/i.test(message))
      return make('server', `malformed response: ${message}`);
    if (/Error fetching from|Error reading from the stream/i.test(message))
      return make('network', message);
    return make('unknown', message);
  }
  if (error instanceof SyntaxError)
    return make('server', `the response was not valid JSON (${error.message})`);
  if (error instanceof Error && error.name === 'AbortError')
    return make('aborted', 'the request was aborted');
  if (error instanceof TypeError) return make('network', error.message);
  return make('unknown', error instanceof Error ? error.message : String(error));
}

function stripPrefix(message: string): string {
  return message.replace(/^\[GoogleGenerativeAI Error\]:\s*/, '');
}

/** The API's own words from a fetch error: `[429 Too Many Requests] Resource exhausted…` without the URL. */
function apiMessage(message: string): string {
  const text = stripPrefix(message);
  const bracket = text.indexOf('[');
  return bracket >= 0 ? text.slice(bracket) : text;
}
