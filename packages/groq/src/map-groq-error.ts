import type { ErrorKind, ProviderError } from '@modelmux/core';
import {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleErrorFields,
} from '@modelmux/openai-compatible';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'groq-sdk';

/** Who failed: the provider instance, the model, and the call's signal. */
export type GroqErrorContext = OpenAICompatibleErrorContext;

/** The parts of a Groq error body that decide its kind. */
export type GroqErrorFields = OpenAICompatibleErrorFields;

interface GroqErrorBody {
  message?: string;
  type?: string;
  code?: string;
}

/** Groq's error table: its wording of a context-length error, 498 (flex tier at capacity) as overloaded, and groq-sdk's error classes. */
export const groqErrorDialect: OpenAICompatibleErrorDialect<APIError> = {
  contextLengthMessage: /maximum context length|context window|reduce the length/i,
  statusKinds: { 498: 'overloaded' },
  sdk: {
    APIUserAbortError,
    APIConnectionTimeoutError,
    APIConnectionError,
    APIError,
    read: readGroqError,
  },
};

/**
 * Decides the kind of a Groq API error (OpenAI-style bodies): quota (`insufficient_quota`)
 * before rate limit, context length (`context_length_exceeded`, or a 400 saying so) before bad
 * request, 498 (flex tier at capacity) as overloaded, then by status. An error without a
 * status (sent inside a stream) is a server error unless its code says otherwise.
 */
export function groqErrorKind(fields: GroqErrorFields): ErrorKind {
  return openAICompatibleErrorKind(fields, groqErrorDialect);
}

/** Turns anything groq-sdk throws into a `ProviderError` with a kind, status, retry-after, request id and the original as `cause`. */
export function mapGroqError(error: unknown, context: GroqErrorContext): ProviderError {
  return mapOpenAICompatibleError(error, context, groqErrorDialect);
}

/**
 * The fields of a groq-sdk `APIError`: it keeps the whole body (`{ error: {…} }`) for HTTP errors
 * but only the inner object for errors sent inside a stream, and its own message is the body's JSON.
 */
function readGroqError(error: APIError): { fields: GroqErrorFields; headers: Headers | undefined } {
  const raw = error.error as ({ error?: GroqErrorBody } & GroqErrorBody) | undefined;
  const body = (raw?.error && typeof raw.error === 'object' ? raw.error : raw) ?? {};
  return {
    fields: {
      status: error.status as number | undefined,
      code: body.code,
      type: body.type,
      message: body.message ?? error.message,
    },
    headers: error.headers as Headers | undefined,
  };
}
