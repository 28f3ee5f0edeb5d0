import {
  AllProvidersFailedError,
  BudgetExceededError,
  ConfigError,
  type ErrorKind,
  InvalidRequestError,
  ModelmuxError,
  NoProviderAvailableError,
  ProviderError,
  redactSecrets,
  StreamInterruptedError,
} from '@modelmux/core';
import { AdapterNotInstalledError } from '../errors/adapter-not-installed-error.js';

/**
 * An HTTP answer to a failed request: status, OpenAI's `type`/`code`/`param`, and the seconds a
 * client should wait (`retry-after`) when known. The handler's own refusals are made as these; a
 * modelmux error is turned into one by `toHttpError`.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly retryAfterSeconds: number | undefined;
  /** For the record: the modelmux error kind (or the handler's own reason). */
  readonly errorKind: string;

  constructor(options: {
    status: number;
    message: string;
    type: string;
    code?: string | null;
    param?: string | null;
    retryAfterSeconds?: number | undefined;
    errorKind?: string;
  }) {
    super(redactSecrets(options.message));
    this.name = 'ModelmuxHttpError';
    this.status = options.status;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.errorKind = options.errorKind ?? options.type;
  }
}

/** A 400 naming the field and the fix. */
export function badRequest(param: string, message: string): HttpError {
  return new HttpError({
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_value',
    param,
    message: `Invalid request field "${param}": ${message}`,
    errorKind: 'bad_request',
  });
}

const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined || !Number.isFinite(ms) ? undefined : Math.max(1, Math.ceil(ms / 1000));

function kindOf(error: unknown): ErrorKind | undefined {
  return ProviderError.isInstance(error) || InvalidRequestError.isInstance(error)
    ? error.kind
    : undefined;
}

/** Every attempt failed: the status follows what the attempts have in common. */
function allFailed(error: AllProvidersFailedError): HttpError {
  const kinds = error.attempts.map((a) => a.kind);
  const every = (...wanted: ErrorKind[]) =>
    kinds.length > 0 && kinds.every((k) => wanted.includes(k));
  const last = error.attempts.at(-1);
  if (every('rate_limit', 'quota_exceeded')) {
    const waits = error.attempts
      .map((a) => (ProviderError.isInstance(a.error) ? a.error.retryAfterMs : undefined))
      .filter((ms): ms is number => ms !== undefined);
    return new HttpError({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: error.message,
      retryAfterSeconds: seconds(waits.length > 0 ? Math.min(...waits) : undefined),
      errorKind: 'rate_limit',
    });
  }
  if (last && (last.kind === 'bad_request' || last.kind === 'context_length'))
    return new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: last.kind === 'context_length' ? 'context_length_exceeded' : 'invalid_request',
      message: error.message,
      errorKind: last.kind,
    });
  if (last?.kind === 'aborted') return aborted();
  if (last?.kind === 'timeout')
    return new HttpError({
      status: 504,
      type: 'timeout_error',
      code: 'deadline_exceeded',
      message: error.message,
      errorKind: 'timeout',
    });
  return new HttpError({
    status: 502,
    type: 'upstream_error',
    code: 'all_providers_failed',
    message: error.message,
    errorKind: last?.kind ?? 'unknown',
  });
}

function aborted(): HttpError {
  return new HttpError({
    status: 499,
    type: 'client_closed_request',
    message: 'The client closed the request',
    errorKind: 'aborted',
  });
}

function budget(error: BudgetExceededError, now: number): HttpError {
  if (error.scope === 'store')
    return new HttpError({
      status: 503,
      type: 'service_unavailable',
      code: 'budget_store_unavailable',
      message: error.message,
      errorKind: 'budget',
    });
  return new HttpError({
    status: 429,
    type: 'budget_exceeded',
    code: 'budget_exceeded',
    message: error.message,
    retryAfterSeconds: error.resetsAt === undefined ? undefined : seconds(error.resetsAt - now),
    errorKind: 'budget',
  });
}

/** A provider error that reached the handler unwrapped (fallback off, or a stream). */
function provider(error: ProviderError): HttpError {
  const kind = error.kind;
  if (kind === 'aborted') return aborted();
  if (kind === 'rate_limit' || kind === 'quota_exceeded')
    return new HttpError({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: error.message,
      retryAfterSeconds: seconds(error.retryAfterMs),
      errorKind: kind,
    });
  if (kind === 'bad_request' || kind === 'context_length')
    return new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: kind === 'context_length' ? 'context_length_exceeded' : 'invalid_request',
      message: error.message,
      errorKind: kind,
    });
  if (kind === 'timeout')
    return new HttpError({
      status: 504,
      type: 'timeout_error',
      code: 'deadline_exceeded',
      message: error.message,
      errorKind: kind,
    });
  return new HttpError({
    status: 502,
    type: 'upstream_error',
    code: kind,
    message: error.message,
    errorKind: kind,
  });
}

/**
 * What a failure means over HTTP. modelmux's own errors keep their (redacted) message; anything
 * else is a 500 whose message says nothing of the request.
 */
export function toHttpError(error: unknown, now: number = Date.now()): HttpError {
  if (error instanceof HttpError) return error;
  if (InvalidRequestError.isInstance(error))
    return new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: error.field,
      message: error.message,
      errorKind: 'bad_request',
    });
  if (BudgetExceededError.isInstance(error)) return budget(error, now);
  if (AllProvidersFailedError.isInstance(error)) return allFailed(error);
  if (StreamInterruptedError.isInstance(error))
    return new HttpError({
      status: 502,
      type: 'upstream_error',
      code: 'stream_interrupted',
      message: error.message,
      errorKind: kindOf(error.cause) ?? 'stream_interrupted',
    });
  if (ProviderError.isInstance(error)) return provider(error);
  if (NoProviderAvailableError.isInstance(error))
    return new HttpError({
      status: 503,
      type: 'service_unavailable',
      code: 'no_provider_available',
      message: error.message,
      errorKind: 'no_provider',
    });
  if (ConfigError.isInstance(error))
    return new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: error.issues[0]?.path ?? null,
      message: error.message,
      errorKind: 'bad_request',
    });
  if (AdapterNotInstalledError.isInstance(error) || ModelmuxError.isInstance(error))
    return new HttpError({
      status: 500,
      type: 'server_error',
      message: error.message,
      errorKind: 'server',
    });
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return aborted();
  return new HttpError({
    status: 500,
    type: 'server_error',
    message: 'The server failed to handle the request',
    errorKind: 'unknown',
  });
}

/** Anthropic's error `type` for a status. */
function anthropicType(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'overloaded_error';
  return 'api_error';
}

/** The error body in OpenAI's shape, or Anthropic's for `/messages`. */
export function errorBody(error: HttpError, format: 'openai' | 'anthropic'): unknown {
  if (format === 'anthropic')
    return { type: 'error', error: { type: anthropicType(error.status), message: error.message } };
  return {
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  };
}

/** The error as a JSON `Response`, with `retry-after` when known. */
export function errorResponse(
  error: HttpError,
  format: 'openai' | 'anthropic',
  headers: Headers = new Headers(),
): Response {
  headers.set('content-type', 'application/json');
  if (error.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(error.retryAfterSeconds));
  return new Response(JSON.stringify(errorBody(error, format)), { status: error.status, headers });
}
