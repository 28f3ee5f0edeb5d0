import {
  InvalidRequestError,
  ModelmuxError,
  ProviderError,
  errorKindFromStatus,
  type ErrorKind,
} from '@modelmux/core';
import {
  formatProviderErrorMessage,
  parseDurationMs,
  redactSecrets,
  type CallSignal,
} from '@modelmux/core/provider-utils';

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
 * Turns anything either Gemini SDK throws into a typed error. HTTP errors (`@google/genai`'s
 * `ApiError`, whose message is the JSON error body; `@google/generative-ai`'s
 * `GoogleGenerativeAIFetchError` with `errorDetails`) go by `googleErrorKind`, RetryInfo
 * `retryDelay` → `retryAfterMs`; a blocked response → `content_filter`; an abort → `timeout` when
 * our timer fired or `aborted` when the caller's signal did; a failed fetch or a broken stream →
 * `network`; unparsable JSON → `server`; a value the SDK could not serialise (circular, BigInt)
 * → the caller's `InvalidRequestError`. Messages are redacted of the key. The SDKs' classes are
 * recognised by shape, so the optional legacy SDK is never imported here.
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
      message: redactSecrets(
        formatProviderErrorMessage({
          provider: context.provider,
          model: context.model,
          kind,
          status: extra.status,
          text: message,
        }),
        [context.apiKey],
      ),
      cause: error,
      ...extra,
    });
  const http = (
    status: number,
    message: string,
    details: readonly ErrorDetail[],
  ): ProviderError => {
    const retryAfterMs = parseDurationMs(
      details.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'))?.retryDelay,
    );
    return make(googleErrorKind(status, message, details), message, {
      status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  };

  if (context.call?.timedOut()) return make('timeout', 'the request timed out');
  if (context.call?.callerAborted())
    return make('aborted', 'the request was aborted by the caller');
  if (!(error instanceof Error)) return make('unknown', String(error));

  // @google/genai
  const status = (error as { status?: unknown }).status;
  if (error.name === 'ApiError' && typeof status === 'number') {
    const body = parseErrorBody(error.message);
    return http(status, body.message, body.details);
  }
  // @google/generative-ai
  const legacy = legacyErrorClass(error);
  if (legacy !== undefined) {
    const message = stripPrefix(error.message);
    if (legacy === 'GoogleGenerativeAIFetchError' && typeof status === 'number') {
      const details = (error as { errorDetails?: unknown }).errorDetails;
      return http(status, apiMessage(message), Array.isArray(details) ? details : []);
    }
    if (legacy === 'GoogleGenerativeAIResponseError') return make('content_filter', message);
    if (legacy === 'GoogleGenerativeAIAbortError')
      return make('aborted', 'the request was aborted');
    if (legacy === 'GoogleGenerativeAIRequestInputError') return make('bad_request', message);
    if (/Error parsing JSON|Failed to parse stream/i.test(message))
      return make('server', `malformed response: ${message}`);
    if (/Error fetching from|Error reading from the stream/i.test(message))
      return make('network', message);
    return make('unknown', message);
  }
  if (error instanceof SyntaxError)
    return make('server', `the response was not valid JSON (${error.message})`);
  // google-auth-library (Vertex AI): no or unusable Google Cloud credentials.
  if (
    /Could not load the default credentials|Could not refresh access token|invalid_grant/i.test(
      error.message,
    )
  )
    return make('auth', `Vertex AI credentials: ${error.message}`);
  if (error.name === 'AbortError') return make('aborted', 'the request was aborted');
  if (/circular structure|serialize a BigInt|BigInt value can't be serialized/i.test(error.message))
    return new InvalidRequestError({
      field: 'request',
      message: `must be JSON-serialisable (${error.message})`,
    });
  if (/^exception parsing stream chunk|^Response body is empty/i.test(error.message))
    return make('server', `malformed response: ${error.message}`);
  if (/^Incomplete JSON segment at the end/i.test(error.message))
    return make('network', `the stream broke off (${error.message})`);
  if (error instanceof TypeError) return make('network', error.message);
  return make('unknown', error.message);
}

/** The constructor name of a `@google/generative-ai` error (its messages carry a fixed prefix). */
function legacyErrorClass(error: Error): string | undefined {
  return legacyPrefix.test(error.message) ? error.constructor.name : undefined;
}

const legacyPrefix = /^\[GoogleGenerativeAI Error\]:\s*/;

function stripPrefix(message: string): string {
  return message.replace(legacyPrefix, '');
}

/** The API's own words from a legacy fetch error (`Error fetching from URL: [429 Too Many Requests] Resource exhausted…`): without the URL and the status. */
function apiMessage(message: string): string {
  const status = /\[\d{3}[^\]]*\]\s*/.exec(message);
  return status ? message.slice(status.index + status[0].length) : message;
}

/** `@google/genai` puts the JSON error body (`{ error: { message, details } }`) in the message, after `got status: …. ` in a stream. */
function parseErrorBody(text: string): { message: string; details: ErrorDetail[] } {
  const start = text.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(text.slice(start)) as {
        error?: { message?: unknown; details?: unknown };
      };
      const message = body.error?.message;
      return {
        message: typeof message === 'string' ? message : text,
        details: Array.isArray(body.error?.details) ? (body.error.details as ErrorDetail[]) : [],
      };
    } catch {
      // not JSON: keep the text
    }
  }
  return { message: text, details: [] };
}
