import type { ChatRequest } from '@modelmux/core';
import type {
  MaxTokensField,
  OpenAICompatibleDialect,
  OpenAICompatibleInstanceDefaults,
} from '@modelmux/openai-compatible';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { buildOpenAIRequest } from './build-openai-request.js';
import { openAIErrorDialect } from './map-openai-error.js';

/** The choices one OpenAI instance makes beyond the common settings. */
export interface OpenAIDialectOptions {
  maxTokensField: MaxTokensField;
  organization: string | undefined;
  project: string | undefined;
}

/**
 * OpenAI's dialect of the chat completions wire: the openai SDK client (retries off), its token
 * field and JSON output (`json_schema`, or `json_object` with a hint), usage asked for in
 * streams with `stream_options`, and the openai SDK's error classes.
 */
export function openAIDialect(
  options: OpenAIDialectOptions,
): OpenAICompatibleDialect<OpenAI, ChatCompletionChunk> {
  return {
    type: 'openai',
    missingKeyHint: 'pass `apiKey` to createOpenAI() or set OPENAI_API_KEY',
    requestsStreamUsage: true,
    errors: openAIErrorDialect,
    buildBody: (request: ChatRequest, defaults: OpenAICompatibleInstanceDefaults) =>
      buildOpenAIRequest(request, { ...defaults, maxTokensField: options.maxTokensField }),
    createClient: ({ apiKey, baseURL, headers, timeoutMs, fetch }) =>
      new OpenAI({
        apiKey,
        baseURL,
        maxRetries: 0,
        adminAPIKey: null,
        organization: options.organization ?? null,
        project: options.project ?? null,
        webhookSecret: null,
        ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
        ...(headers ? { defaultHeaders: headers } : {}),
        ...(fetch ? { fetch } : {}),
      }),
  };
}
