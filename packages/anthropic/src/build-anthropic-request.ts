import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import type { ChatRequest } from '@modelmux/core';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { resolveMaxTokens } from './default-max-tokens.js';
import { prepareAnthropicTools, type AnthropicTools } from './prepare-anthropic-tools.js';

/** Defaults from the provider's settings and the catalogue. */
export interface AnthropicRequestDefaults {
  model: string;
  temperature?: number;
  maxTokens?: number;
  /** `maxOutputTokens` of the model, from the catalogue. */
  modelMaxOutputTokens?: (model: string) => number | undefined;
}

/** The Messages API body for one request, and how to read JSON output back. */
export interface AnthropicCall {
  body: MessageCreateParamsNonStreaming;
  model: string;
  jsonOutput: AnthropicTools['jsonOutput'];
}

/** Builds the Messages API body for a chat request (vendor fields from `providerOptions.anthropic` last). */
export function buildAnthropicRequest(
  request: ChatRequest,
  defaults: AnthropicRequestDefaults,
): AnthropicCall {
  const model = request.model ?? defaults.model;
  const { system, messages } = convertToAnthropicMessages(request.messages);
  const { tools, toolChoice, jsonOutput } = prepareAnthropicTools(request);
  const temperature = request.temperature ?? defaults.temperature;
  const body: MessageCreateParamsNonStreaming = {
    model,
    max_tokens: resolveMaxTokens(
      request.maxTokens,
      defaults.maxTokens,
      defaults.modelMaxOutputTokens?.(model),
    ),
    messages,
    ...(system !== undefined ? { system } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop_sequences: request.stop } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(request.providerOptions?.['anthropic'] ?? {}),
  };
  return { body, model, jsonOutput };
}
