import type { ChatRequest, Message } from '@modelmux/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'groq-sdk/resources/chat/completions';
import { convertToGroqMessages } from './convert-to-groq-messages.js';
import { prepareGroqResponseFormat } from './prepare-groq-response-format.js';
import { prepareGroqTools } from './prepare-groq-tools.js';

/** The instance's defaults a request falls back to. */
export interface GroqRequestDefaults {
  model: string;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  /** `providerOptions` keys merged into the body, in order (the type, then the instance name). */
  providerOptionKeys: readonly string[];
}

/**
 * Builds the chat completion body: messages, sampling, the token limit (as
 * `max_completion_tokens`; Groq deprecates `max_tokens`), tools, JSON mode with its schema
 * instruction as a system message after the caller's own, then `providerOptions` merged over
 * the result (they win).
 */
export function buildGroqRequest(request: ChatRequest, defaults: GroqRequestDefaults): ChatCompletionCreateParamsNonStreaming {
  const jsonMode = prepareGroqResponseFormat(request.responseFormat);
  let messages: readonly Message[] = request.messages;
  if (jsonMode) {
    const leadingSystem = messages.findIndex((m) => m.role !== 'system');
    const at = leadingSystem === -1 ? messages.length : leadingSystem;
    messages = [...messages.slice(0, at), { role: 'system', content: jsonMode.instruction }, ...messages.slice(at)];
  }
  const temperature = request.temperature ?? defaults.temperature;
  const maxTokens = request.maxTokens ?? defaults.maxTokens;
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model ?? defaults.model,
    messages: convertToGroqMessages(messages),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { max_completion_tokens: maxTokens } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...prepareGroqTools(request.tools, request.toolChoice),
    ...(jsonMode ? { response_format: jsonMode.response_format } : {}),
  };
  return { ...body, ...providerOptionsFor(request, defaults.providerOptionKeys) };
}

/** Merges `providerOptions[key]` for each key, later keys winning. */
export function providerOptionsFor(request: ChatRequest, keys: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const key of keys) Object.assign(merged, request.providerOptions?.[key]);
  return merged;
}
