import type { ChatRequest, Message, ResponseFormat } from '@modelmux/core';
import {
  buildOpenAICompatibleRequest,
  type MaxTokensField,
  type OpenAIChatWireRequest,
  type OpenAICompatibleInstanceDefaults,
  type OpenAICompatibleJsonOutput,
} from '@modelmux/openai-compatible';
import { prepareOpenAIResponseFormat } from './prepare-openai-response-format.js';

export type { MaxTokensField } from '@modelmux/openai-compatible';

/** The instance's defaults a request falls back to, with the chosen max tokens field. */
export interface OpenAIRequestDefaults extends OpenAICompatibleInstanceDefaults {
  maxTokensField: MaxTokensField;
}

/** The hint added when JSON mode is asked without a schema: OpenAI rejects json_object unless a message mentions JSON. */
export const jsonObjectHint = 'Respond with a single JSON object.';

/**
 * Builds the chat completion body (see `buildOpenAICompatibleRequest`) with OpenAI's JSON
 * output: `json_schema` when a schema is given, else `json_object` with a hint when no message
 * mentions JSON.
 */
export function buildOpenAIRequest(
  request: ChatRequest,
  defaults: OpenAIRequestDefaults,
): OpenAIChatWireRequest {
  return buildOpenAICompatibleRequest(request, { ...defaults, jsonOutput: openAIJsonOutput });
}

/** OpenAI's JSON output: its `response_format`, and the JSON hint where json_object needs one. */
export function openAIJsonOutput(
  format: ResponseFormat | undefined,
  messages: readonly Message[],
): OpenAICompatibleJsonOutput {
  const responseFormat = prepareOpenAIResponseFormat(format);
  const hinted = responseFormat?.type === 'json_object' && !mentionsJson(messages);
  return {
    responseFormat,
    messages: hinted ? [{ role: 'system', content: jsonObjectHint }, ...messages] : messages,
  };
}

function mentionsJson(messages: readonly Message[]): boolean {
  return messages.some((m) => {
    if (m.role === 'tool') return false;
    const text =
      typeof m.content === 'string'
        ? m.content
        : m.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
    return /json/i.test(text);
  });
}
