import type { OpenAIChatWireUsage, OpenAICompatibleDialect } from '@modelmux/openai-compatible';
import Groq from 'groq-sdk';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { buildGroqRequest } from './build-groq-request.js';
import { groqErrorDialect } from './map-groq-error.js';

/**
 * Groq's dialect of the chat completions wire: the groq-sdk client (retries off),
 * `max_completion_tokens` and JSON mode with the schema as an instruction, usage sent unasked in
 * `x_groq.usage`, and groq-sdk's error classes with 498 (flex tier at capacity) as overloaded.
 */
export const groqDialect: OpenAICompatibleDialect<Groq, ChatCompletionChunk> = {
  type: 'groq',
  missingKeyHint: 'pass `apiKey` to createGroq() or set GROQ_API_KEY',
  requestsStreamUsage: false,
  usageOf: groqStreamUsage,
  errors: groqErrorDialect,
  buildBody: buildGroqRequest,
  createClient: ({ apiKey, baseURL, headers, timeoutMs, fetch }) =>
    new Groq({
      apiKey,
      baseURL,
      maxRetries: 0,
      ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
      ...(headers ? { defaultHeaders: headers } : {}),
      ...(fetch ? { fetch } : {}),
    }),
};

/** Groq reports usage in `x_groq.usage` on the last chunk (and in `usage` where the OpenAI-style field is sent); either is taken. */
export function groqStreamUsage(
  chunk: ChatCompletionChunk,
): OpenAIChatWireUsage | null | undefined {
  return chunk.x_groq?.usage ?? (chunk as { usage?: OpenAIChatWireUsage | null }).usage;
}
