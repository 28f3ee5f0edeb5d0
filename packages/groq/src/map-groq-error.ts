import type { ErrorKind, ProviderError } from '@modelmux/core';
import {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleErrorFields,
  type OpenAICompatibleSdkError,
} from '@modelmux/openai-compatible';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'groq-sdk';

/** Who failed: the provider instance, the model, and whether the caller or our timeout ended the call. */
export type GroqErrorContext = OpenAICompatibleErrorContext;

/** The parts of a Groq error body that decide its kind. */
export type GroqErrorFields = OpenAICompatibleErrorFields;

interface GroqErrorBody {
  message?: string;
  type?: string;
  code?: string;
}

/** Groq's wording of a context-length error, and 498 (flex tier at capacity) as overloaded. */
const dialect: OpenAICompatibleErrorDialect = {
  contextLengthMessage: /maximum context length|context window|reduce the length/i,
  statusKinds: { 498: 'overloaded' },
};

/**
 * Decides the kind of a Groq API error (OpenAI-style bodies): quota (`insufficient_quota`)
 * before rate limit, context length (`context_length_exceeded`, or a 400 saying so) before bad
 * request, 498 (flex tier at capacity) as overloaded, then by status. An error without a
 * status (sent inside a stream) is a server error unless its code says otherwise.
 */
export function groqErrorKind(fields: GroqErrorFields): ErrorKind {
  return openAICompatibleErrorKind(fields, dialect);
}

/** Turns anything groq-sdk throws into a `ProviderError` with a kind, status, retry-after and the original as `cause`. */
export function mapGroqError(error: unknown, context: GroqErrorContext): ProviderError {
  return mapOpenAICompatibleError(error, context, recogniseGroqError(error), dialect);
}

/** groq-sdk's error classes, most specific first (its timeout and abort errors are also `APIError`s). */
function recogniseGroqError(error: unknown): OpenAICompatibleSdkError | undefined {
  if (error instanceof APIUserAbortError) return { type: 'aborted' };
  if (error instanceof APIConnectionTimeoutError) return { type: 'timeout' };
  if (error instanceof APIConnectionError) return { type: 'connection' };
  if (error instanceof APIError) {
    const body = errorBody(error);
    const fields = { status: error.status as number | undefined, code: body.code, type: body.type, message: body.message ?? error.message };
    return { type: 'api', fields, headers: error.headers as Headers | undefined };
  }
  return undefined;
}

/**
 * The error details: groq-sdk keeps the whole body (`{ error: {…} }`) for HTTP errors but only
 * the inner object for errors sent inside a stream.
 */
function errorBody(error: APIError): GroqErrorBody {
  const raw = error.error as ({ error?: GroqErrorBody } & GroqErrorBody) | undefined;
  return (raw?.error && typeof raw.error === 'object' ? raw.error : raw) ?? {};
}
