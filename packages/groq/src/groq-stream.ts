import type { StreamEvent } from '@modelmux/core';
import {
  streamOpenAICompatibleChat,
  type OpenAIChatWireUsage,
  type OpenAICompatibleStreamCall,
} from '@modelmux/openai-compatible';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { mapGroqError } from './map-groq-error.js';

/** What `streamGroqChat` needs: how to open the SDK stream, who is calling, the timeout, and how to price usage. */
export type GroqStreamOptions = OpenAICompatibleStreamCall<ChatCompletionChunk>;

/**
 * Runs one streamed chat completion as modelmux events (`streamOpenAICompatibleChat` with
 * groq-sdk's errors and Groq's usage field).
 */
export function streamGroqChat(
  options: GroqStreamOptions,
): AsyncGenerator<StreamEvent, void, undefined> {
  return streamOpenAICompatibleChat({
    ...options,
    mapError: mapGroqError,
    usageOf: groqStreamUsage,
  });
}

/** Groq reports usage in `x_groq.usage` on the last chunk (and in `usage` where the OpenAI-style field is sent); either is taken. */
export function groqStreamUsage(
  chunk: ChatCompletionChunk,
): OpenAIChatWireUsage | null | undefined {
  return chunk.x_groq?.usage ?? (chunk as { usage?: OpenAIChatWireUsage | null }).usage;
}
