import type { StreamEvent } from '@modelmux/core';
import {
  streamOpenAICompatibleChat,
  type OpenAICompatibleStreamCall,
} from '@modelmux/openai-compatible';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { mapOpenAIError } from './map-openai-error.js';

/** What `streamOpenAIChat` needs: how to open the SDK stream, who is calling, the timeout, and how to price usage. */
export type OpenAIStreamOptions = OpenAICompatibleStreamCall<ChatCompletionChunk>;

/**
 * Runs one streamed chat completion as modelmux events (`streamOpenAICompatibleChat` with the
 * openai SDK's errors; usage comes in the last chunk, asked for with `stream_options`).
 */
export function streamOpenAIChat(
  options: OpenAIStreamOptions,
): AsyncGenerator<StreamEvent, void, undefined> {
  return streamOpenAICompatibleChat({ ...options, mapError: mapOpenAIError });
}
