import type { ChatRequest, Message } from '@modelmux/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import { prepareOpenAIResponseFormat } from './prepare-openai-response-format.js';
import { prepareOpenAITools } from './prepare-openai-tools.js';

/** Which body field carries the output token limit. */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

/** The instance's defaults a request falls back to. */
export interface OpenAIRequestDefaults {
  model: string;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  maxTokensField: MaxTokensField;
  /** `providerOptions` keys merged into the body, in order (the type, then the instance name). */
  providerOptionKeys: readonly string[];
}

/** The hint added when JSON mode is asked without a schema: OpenAI rejects json_object unless a message mentions JSON. */
export const jsonObjectHint = 'Respond with a single JSON object.';

/**
 * Builds the chat completion body: messages, sampling, the token limit, tools, the response
 * format, then `providerOptions` merged over the result (they win, except `stream`).
 */
export function buildOpenAIRequest(request: ChatRequest, defaults: OpenAIRequestDefaults): ChatCompletionCreateParamsNonStreaming {
  const responseFormat = prepareOpenAIResponseFormat(request.responseFormat);
  let messages: readonly Message[] = request.messages;
  if (responseFormat?.type === 'json_object' && !mentionsJson(messages)) messages = [{ role: 'system', content: jsonObjectHint }, ...messages];
  const temperature = request.temperature ?? defaults.temperature;
  const maxTokens = request.maxTokens ?? defaults.maxTokens;
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model ?? defaults.model,
    messages: convertToOpenAIMessages(messages),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { [defaults.maxTokensField]: maxTokens } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...prepareOpenAITools(request.tools, request.toolChoice),
    ...(responseFormat ? { response_format: responseFormat } : {}),
  };
  return { ...body, ...providerOptionsFor(request, defaults.providerOptionKeys) };
}

/** Merges `providerOptions[key]` for each key, later keys winning. */
export function providerOptionsFor(request: ChatRequest, keys: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const key of keys) Object.assign(merged, request.providerOptions?.[key]);
  return merged;
}

function mentionsJson(messages: readonly Message[]): boolean {
  return messages.some((m) => {
    if (m.role === 'tool') return false;
    const text = typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
    return /json/i.test(text);
  });
}
