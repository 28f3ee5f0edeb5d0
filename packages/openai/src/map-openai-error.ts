import type { ErrorKind, ProviderError } from '@modelmux/core';
import {
  mapOpenAICompatibleError,
  openAICompatibleErrorKind,
  type OpenAICompatibleErrorContext,
  type OpenAICompatibleErrorDialect,
  type OpenAICompatibleErrorFields,
} from '@modelmux/openai-compatible';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Who failed: the provider instance, the model, and the call's signal. */
export type OpenAIErrorContext = OpenAICompatibleErrorContext;

/** The parts of an OpenAI error body that decide its kind. */
export type OpenAIErrorFields = OpenAICompatibleErrorFields;

/**
 * OpenAI's error table: its wording of a context-length error, and the openai SDK's error
 * classes. The vendor's own text is the body's `error.message` (the SDK's `message` repeats the
 * status in front of it).
 */
export const openAIErrorDialect: OpenAICompatibleErrorDialect<APIError> = {
  contextLengthMessage: /maximum context length|context window|too many tokens/i,
  sdk: {
    APIUserAbortError,
    APIConnectionTimeoutError,
    APIConnectionError,
    APIError,
    read: (error) => {
      const body = error.error as { message?: unknown } | undefined;
      return {
        fields: {
          status: error.status,
          code: error.code,
          type: error.type,
          message: typeof body?.message === 'string' ? body.message : error.message,
        },
        headers: error.headers,
      };
    },
  },
};

/**
 * Decides the kind of an OpenAI API error: quota (429 `insufficient_quota`) before rate limit,
 * context length (`context_length_exceeded`, or a 400 saying so) before bad request, then by
 * status. An error without a status (sent inside a stream) is a server error unless its code
 * says otherwise.
 */
export function openAIErrorKind(fields: OpenAIErrorFields): ErrorKind {
  return openAICompatibleErrorKind(fields, openAIErrorDialect);
}

/** Turns anything the openai SDK throws into a `ProviderError` with a kind, status, retry-after, request id and the original as `cause`. */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): ProviderError {
  return mapOpenAICompatibleError(error, context, openAIErrorDialect);
}
