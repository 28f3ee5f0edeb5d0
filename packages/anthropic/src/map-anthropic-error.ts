import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import {
  ModelmuxError,
  ProviderError,
  errorKindFromStatus,
  parseRetryAfterMs,
  redactSecrets,
  type ErrorKind,
} from '@modelmux/core';
import {
  formatProviderErrorMessage,
  requestIdFromHeaders,
  type CallSignal,
} from '@modelmux/core/provider-utils';

/** What the error mapping needs to know about the failed call. */
export interface AnthropicErrorContext {
  provider: string;
  model: string;
  /** The call's signal: tells our timeout from the caller's abort. */
  call?: CallSignal | undefined;
  apiKey?: string | undefined;
}

type Extra = { status?: number; retryAfterMs?: number; requestId?: string };

/** Anthropic's `error.type` values and what they mean. */
const kindByType: Readonly<Record<string, ErrorKind>> = {
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  authentication_error: 'auth',
  permission_error: 'permission',
  not_found_error: 'not_found',
  billing_error: 'quota_exceeded',
  timeout_error: 'timeout',
  api_error: 'server',
  invalid_request_error: 'bad_request',
  request_too_large: 'context_length',
};

/**
 * Turns anything the Anthropic SDK (or its stream) throws into a `ProviderError` with a
 * `kind`. The HTTP status and the body's `error.type` decide; `invalid_request_error` saying
 * "prompt is too long" is `context_length`; `retry-after` becomes `retryAfterMs`; the
 * `request-id` header becomes `requestId`. An error sent inside the stream whose type we do not
 * know is `server` (the rule of every adapter); an answer we could not read is `server`, a
 * connection dropped mid-body `network`. The message is core's one format
 * (`<instance>/<model> <kind> (HTTP <status>): <the vendor's text> [request <id>]`). Modelmux
 * errors (an `InvalidRequestError`, a `ProviderError` already made) pass through.
 */
export function mapAnthropicError(error: unknown, context: AnthropicErrorContext): ModelmuxError {
  if (ModelmuxError.isInstance(error)) return error;
  const make = (kind: ErrorKind, text: string, extra: Extra = {}): ProviderError =>
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
          text,
          requestId: extra.requestId,
        }),
        [context.apiKey],
      ),
      cause: error,
      ...extra,
    });

  if (context.call?.timedOut()) return make('timeout', 'the request timed out');
  if (context.call?.callerAborted() || error instanceof APIUserAbortError)
    return make('aborted', 'the request was aborted by the caller');
  if (error instanceof APIConnectionTimeoutError)
    return make('timeout', 'the connection timed out');
  if (error instanceof APIConnectionError)
    return make('network', `connection failed (${describeCause(error)})`);
  if (error instanceof APIError) return fromApiError(error, make);
  if (error instanceof SyntaxError)
    return make('server', `the response was not valid JSON (${error.message})`);
  if (error instanceof AnthropicError) return make('bad_request', error.message);
  if (error instanceof Error && error.name === 'AbortError')
    return make('aborted', 'the request was aborted');
  if (error instanceof Error && isConnectionDrop(error))
    return make('network', `the connection dropped mid-response (${describeCause(error)})`);
  return make('unknown', error instanceof Error ? error.message : String(error));
}

function fromApiError(
  error: APIError,
  make: (kind: ErrorKind, text: string, extra?: Extra) => ProviderError,
): ProviderError {
  const status = error.status;
  const body = error.error as { error?: { type?: string; message?: string } } | undefined;
  const type = error.type ?? body?.error?.type;
  const apiMessage = error.apiMessage ?? body?.error?.message ?? error.message;
  const errorCode = error.errorCode ?? undefined;
  let kind: ErrorKind = (type && kindByType[type]) || errorKindFromStatus(status);
  // A spend limit is a 429 rate_limit_error told apart by `details.error_code`: waiting will not help.
  if (errorCode && /spend_limit_reached$/.test(errorCode)) kind = 'quota_exceeded';
  if (status === 529) kind = 'overloaded';
  if (
    (kind === 'bad_request' || kind === 'context_length') &&
    /prompt is too long|too many (input )?tokens|context (window|length)/i.test(apiMessage)
  ) {
    kind = 'context_length';
  }
  // One rule for every adapter: an error sent inside the stream (no status) whose type we do
  // not know is the vendor's own failure mid-answer.
  if (kind === 'unknown' && status === undefined) kind = 'server';
  const retryAfterMs = parseRetryAfterMs(error.headers);
  const requestId = error.requestID ?? requestIdFromHeaders(error.headers);
  const text = status === undefined ? `${apiMessage} (sent in the stream)` : apiMessage;
  return make(kind, text, {
    ...(status !== undefined ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

/** undici's errors when the socket closes while the body is read (`terminated`, `other side closed`, ECONNRESET). */
function isConnectionDrop(error: Error): boolean {
  return /terminated|other side closed|socket|ECONNRESET|EPIPE|premature close/i.test(
    describeCause(error),
  );
}

function describeCause(error: Error): string {
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? `${error.message}: ${cause}` : error.message;
}
