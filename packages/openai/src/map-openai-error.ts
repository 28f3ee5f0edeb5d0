import { errorKindFromStatus, parseRetryAfterMs, ProviderError, type ErrorKind } from '@modelmux/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Who failed: the provider instance, the model, and whether the caller or our timeout ended the call. */
export interface OpenAIErrorContext {
  provider: string;
  model: string;
  /** The caller's signal: when it fired, the failure is an abort. */
  signal?: AbortSignal | undefined;
  /** True when our own timeout aborted the call (checked first). */
  timedOut?: (() => boolean) | undefined;
}

/** The parts of an OpenAI error body that decide its kind. */
export interface OpenAIErrorFields {
  status: number | undefined;
  code?: string | null | undefined;
  type?: string | null | undefined;
  message?: string | undefined;
}

/**
 * Decides the kind of an OpenAI API error: quota (429 `insufficient_quota`) before rate limit,
 * context length (`context_length_exceeded`, or a 400 saying so) before bad request, then by
 * status. An error without a status (sent inside a stream) is a server error unless its code
 * says otherwise.
 */
export function openAIErrorKind({ status, code, type, message }: OpenAIErrorFields): ErrorKind {
  const codes = [code, type];
  if (codes.includes('insufficient_quota')) return 'quota_exceeded';
  if (codes.includes('context_length_exceeded') || ((status === 400 || status === undefined) && /maximum context length|context window|too many tokens/i.test(message ?? ''))) {
    return 'context_length';
  }
  if (status === undefined) {
    if (codes.includes('rate_limit_exceeded')) return 'rate_limit';
    if (codes.includes('invalid_request_error')) return 'bad_request';
    return 'server';
  }
  return errorKindFromStatus(status);
}

/** Turns anything the openai SDK throws into a `ProviderError` with a kind, status, retry-after and the original as `cause`. */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): ProviderError {
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
  if (error instanceof APIUserAbortError || context.signal?.aborted) {
    return new ProviderError({ ...base, kind: 'aborted', message: `${provider}: the request was aborted by the caller` });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError({ ...base, kind: 'timeout', message: `${provider}: the request timed out (${reason})` });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError({ ...base, kind: 'network', message: `${provider}: connection failed (${describeCause(error)})` });
  }
  if (error instanceof APIError) {
    const fields = { status: error.status, code: error.code, type: error.type, message: error.message };
    const kind = openAIErrorKind(fields);
    const retryAfterMs = parseRetryAfterMs(error.headers);
    return new ProviderError({
      ...base,
      kind,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: `${provider} (${model}) failed with ${error.status ?? 'an error in the stream'}${error.code ? ` [${error.code}]` : ''}: ${error.message}`,
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

function describeCause(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${cause.message}${typeof code === 'string' ? ` ${code}` : ''}`;
  }
  return error.message;
}
