import { errorKindFromStatus, parseRetryAfterMs, ProviderError, type ErrorKind, type HeaderLookup } from '@modelmux/core';

/** Who failed: the provider instance, the model, and whether the caller or our timeout ended the call. */
export interface OpenAICompatibleErrorContext {
  provider: string;
  model: string;
  /** The caller's signal: when it fired, the failure is an abort. */
  signal?: AbortSignal | undefined;
  /** True when our own timeout aborted the call (checked first). */
  timedOut?: (() => boolean) | undefined;
}

/** The parts of an OpenAI-style error body that decide its kind. */
export interface OpenAICompatibleErrorFields {
  status: number | undefined;
  code?: string | null | undefined;
  type?: string | null | undefined;
  message?: string | undefined;
}

/**
 * What an adapter recognised in its SDK's error (the openai and groq SDKs share the class
 * names): `APIUserAbortError` → `aborted`, `APIConnectionTimeoutError` → `timeout`,
 * `APIConnectionError` → `connection`, `APIError` → `api` with the body's fields and the
 * response headers. `undefined` for anything that is not the SDK's.
 */
export type OpenAICompatibleSdkError =
  | { type: 'aborted' }
  | { type: 'timeout' }
  | { type: 'connection' }
  | { type: 'api'; fields: OpenAICompatibleErrorFields; headers: HeaderLookup };

/** How a vendor's errors differ from OpenAI's own. */
export interface OpenAICompatibleErrorDialect {
  /** A 400 (or in-stream) error whose message matches is a context-length error. */
  contextLengthMessage: RegExp;
  /** Statuses the vendor gives its own meaning, read before the common table (Groq: 498 → overloaded). */
  statusKinds?: Readonly<Record<number, ErrorKind>>;
}

/**
 * Decides the kind of an OpenAI-style API error: quota (`insufficient_quota`) before rate limit,
 * context length (`context_length_exceeded`, or a 400 whose message says so) before bad request,
 * the vendor's own statuses, then by status. An error without a status (sent inside a stream)
 * is a server error unless its code says otherwise.
 */
export function openAICompatibleErrorKind({ status, code, type, message }: OpenAICompatibleErrorFields, dialect: OpenAICompatibleErrorDialect): ErrorKind {
  const codes = [code, type];
  if (codes.includes('insufficient_quota')) return 'quota_exceeded';
  if (codes.includes('context_length_exceeded') || ((status === 400 || status === undefined) && dialect.contextLengthMessage.test(message ?? ''))) {
    return 'context_length';
  }
  if (status === undefined) {
    if (codes.includes('rate_limit_exceeded')) return 'rate_limit';
    if (codes.includes('invalid_request_error')) return 'bad_request';
    return 'server';
  }
  return dialect.statusKinds?.[status] ?? errorKindFromStatus(status);
}

/**
 * Turns a failure into a `ProviderError` with a kind, status, retry-after and the original as
 * `cause`. `sdkError` is what the adapter recognised in it (see `OpenAICompatibleSdkError`).
 * Our timeout is asked first, then the caller's signal, then the SDK's classes; a malformed body
 * (`SyntaxError`) is a server error, a connection dropped mid-body a network error.
 */
export function mapOpenAICompatibleError(
  error: unknown,
  context: OpenAICompatibleErrorContext,
  sdkError: OpenAICompatibleSdkError | undefined,
  dialect: OpenAICompatibleErrorDialect,
): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const { provider, model } = context;
  const base = { provider, model, cause: error };
  const reason = error instanceof Error ? error.message : String(error);

  // Our timer aborts the SDK's signal too, so the SDK reports it as a user abort: ask the
  // timer first, then the caller's signal (an abort that surfaces as another error mid-body
  // is still an abort), then the SDK's own timeout.
  if (context.timedOut?.()) {
    return new ProviderError({ ...base, kind: 'timeout', message: `${provider}: the request timed out` });
  }
  if (sdkError?.type === 'aborted' || context.signal?.aborted) {
    return new ProviderError({ ...base, kind: 'aborted', message: `${provider}: the request was aborted by the caller` });
  }
  if (sdkError?.type === 'timeout') {
    return new ProviderError({ ...base, kind: 'timeout', message: `${provider}: the request timed out (${reason})` });
  }
  if (sdkError?.type === 'connection') {
    return new ProviderError({ ...base, kind: 'network', message: `${provider}: connection failed (${describeCause(error)})` });
  }
  if (sdkError?.type === 'api') {
    const { status, code, message } = sdkError.fields;
    const retryAfterMs = parseRetryAfterMs(sdkError.headers);
    return new ProviderError({
      ...base,
      kind: openAICompatibleErrorKind(sdkError.fields, dialect),
      ...(status !== undefined ? { status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${provider} (${model}) failed with ${status ?? 'an error in the stream'}${code ? ` [${code}]` : ''}: ${message ?? reason}`,
    });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError({ ...base, kind: 'server', message: `${provider} (${model}) sent a malformed response: ${reason}` });
  }
  if (isConnectionDrop(error)) {
    return new ProviderError({ ...base, kind: 'network', message: `${provider} (${model}): the connection dropped mid-response (${describeCause(error)})` });
  }
  return new ProviderError({ ...base, kind: 'unknown', message: `${provider} (${model}) failed: ${reason}` });
}

/** undici's errors when the socket closes while the body is read (`terminated`, `other side closed`, ECONNRESET). */
function isConnectionDrop(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const text = `${error.message} ${describeCause(error)}`;
  return /terminated|other side closed|socket|ECONNRESET|EPIPE|premature close/i.test(text);
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${cause.message}${typeof code === 'string' ? ` ${code}` : ''}`;
  }
  return error.message;
}
