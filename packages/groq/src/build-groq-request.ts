import type { ChatRequest, Message, ResponseFormat } from '@modelmux/core';
import {
  buildOpenAICompatibleRequest,
  type OpenAIChatWireRequest,
  type OpenAICompatibleInstanceDefaults,
  type OpenAICompatibleJsonOutput,
} from '@modelmux/openai-compatible';
import { prepareGroqResponseFormat } from './prepare-groq-response-format.js';

/**
 * Builds the chat completion body (see `buildOpenAICompatibleRequest`) with the token limit as
 * `max_completion_tokens` (Groq deprecates `max_tokens`) and JSON mode with its schema
 * instruction as a system message after the caller's own.
 */
export function buildGroqRequest(
  request: ChatRequest,
  defaults: OpenAICompatibleInstanceDefaults,
): OpenAIChatWireRequest {
  return buildOpenAICompatibleRequest(request, {
    ...defaults,
    maxTokensField: 'max_completion_tokens',
    jsonOutput: groqJsonOutput,
  });
}

/** Groq's JSON output: JSON mode, and the instruction inserted after the leading system messages. */
export function groqJsonOutput(
  format: ResponseFormat | undefined,
  messages: readonly Message[],
): OpenAICompatibleJsonOutput {
  const jsonMode = prepareGroqResponseFormat(format);
  if (!jsonMode) return { responseFormat: undefined, messages };
  const leadingSystem = messages.findIndex((m) => m.role !== 'system');
  const at = leadingSystem === -1 ? messages.length : leadingSystem;
  return {
    responseFormat: jsonMode.response_format,
    messages: [
      ...messages.slice(0, at),
      { role: 'system', content: jsonMode.instruction },
      ...messages.slice(at),
    ],
  };
}
