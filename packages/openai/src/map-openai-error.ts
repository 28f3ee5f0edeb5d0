import type { ErrorKind, ProviderError } from '@modelmux/core';
import {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleErrorFields,
} from '@modelmux/openai-compatible';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Who failed: the provider instance, the model, and whether the caller or our timeout ended the call. */
export type OpenAIErrorContext = OpenAICompatibleErrorContext;

/** The parts of an OpenAI error body that decide its kind. */
export type OpenAIErrorFields = OpenAICompatibleErrorFields;

/** OpenAI's wording of a context-length error, and the openai SDK's error classes. */
const dialect: OpenAICompatibleErrorDialect<APIError> = {
  contextLengthMessage: /maximum context length|context window|too many tokens/i,
  sdk: {
    APIUserAbortError,
    APIConnectionTimeoutError,
    APIConnectionError,
    APIError,
    read: (error) => ({
      fields: { status: error.status, code: error.code, type: error.type, message: error.message },
      headers: error.headers,
    }),
  },
};

/**
 * Decides the kind of an OpenAI API error: quota (429 `insufficient_quota`) before rate limit,
 * context length (`context_length_exceeded`, or a 400 saying so) before bad request, then by
 * status. An error without a status (sent inside a stream) is a server error unless its code
 * says otherwise.
 */
export function openAIErrorKind(fields: OpenAIErrorFields): ErrorKind {
  return openAICompatibleErrorKind(fields, dialect);
}

/** Turns anything the openai SDK throws into a `ProviderError` with a kind, status, retry-after and the original as `cause`. */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): ProviderError {
  return mapOpenAICompatibleError(error, context, dialect);
}
