import { parseStructuredOutput, ProviderError, type ChatResult, type FinishReason, type ResponseFormat, type Usage } from '@modelmux/core';
import type { ChatCompletion } from 'groq-sdk/resources/chat/completions';
import { mapGroqFinishReason } from './map-groq-finish-reason.js';
import { mapGroqUsage } from './map-groq-usage.js';
import { parseToolCall } from './parse-tool-call.js';

/** What the mapping needs besides the completion. */
export interface GroqResponseContext<T> {
  provider: string;
  requestedModel: string;
  responseFormat: ResponseFormat<T> | undefined;
  latencyMs: number;
  cost: (models: readonly (string | undefined)[], usage: Usage) => number | undefined;
}

/**
 * Maps a chat completion to a `ChatResult`: text, tool calls (args parsed), the structured
 * object when JSON was asked and the answer finished normally, usage and cost.
 */
export function mapGroqResponse<T>(completion: ChatCompletion, context: GroqResponseContext<T>): ChatResult<T> {
  const model = completion.model || context.requestedModel;
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!choice?.message) {
    throw new ProviderError({ kind: 'server', provider: context.provider, model, message: `${context.provider} (${model}) returned a completion without a choice` });
  }
  const message = choice.message;
  const text = message.content ?? '';
  const finishReason: FinishReason = mapGroqFinishReason(choice.finish_reason);
  const toolCalls = (message.tool_calls ?? []).map((call) => parseToolCall(call.id, call.function.name, call.function.arguments ?? ''));
  const usage = mapGroqUsage(completion.usage);
  const wantsObject = finishReason !== 'tool-calls' && finishReason !== 'content-filter';
  const object = wantsObject ? parseStructuredOutput(text, context.responseFormat, { provider: context.provider, model }) : undefined;
  return {
    text,
    toolCalls,
    ...(object !== undefined ? { object } : {}),
    finishReason,
    usage,
    provider: context.provider,
    model,
    latencyMs: context.latencyMs,
    costUsd: context.cost([model, context.requestedModel], usage),
    raw: completion,
  };
}
