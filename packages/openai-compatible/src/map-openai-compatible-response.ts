import {
  parseStructuredOutput,
  ProviderError,
  type ChatResult,
  type FinishReason,
  type ResponseFormat,
} from '@modelmux/core';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
import type { CostOfModels } from './openai-compatible-cost.js';
import type { OpenAIChatWireCompletion } from './openai-chat-wire.js';
import { parseToolCall } from './parse-tool-call.js';

/** What the mapping needs besides the completion. */
export interface OpenAICompatibleResponseContext<T> {
  provider: string;
  requestedModel: string;
  responseFormat: ResponseFormat<T> | undefined;
  latencyMs: number;
  cost: CostOfModels;
}

/**
 * Maps a chat completion to a `ChatResult`: text, function tool calls (args parsed), the
 * structured object when JSON was asked and the answer finished normally, usage and cost. A
 * refusal (OpenAI's structured outputs) is reported as finish reason `content-filter` with the
 * refusal as text. A completion without a choice is a `server` error.
 */
export function mapOpenAICompatibleResponse<T>(
  completion: OpenAIChatWireCompletion,
  context: OpenAICompatibleResponseContext<T>,
): ChatResult<T> {
  const model = completion.model || context.requestedModel;
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!choice?.message) {
    throw new ProviderError({
      kind: 'server',
      provider: context.provider,
      model,
      message: `${context.provider} (${model}) returned a completion without a choice`,
    });
  }
  const message = choice.message;
  const refusal =
    typeof message.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
  const text = message.content ?? refusal ?? '';
  const finishReason: FinishReason =
    refusal && !message.content
      ? 'content-filter'
      : mapOpenAICompatibleFinishReason(choice.finish_reason);
  const toolCalls = (message.tool_calls ?? []).flatMap((call) =>
    call.function && (call.type === undefined || call.type === 'function')
      ? [parseToolCall(call.id, call.function.name, call.function.arguments ?? '')]
      : [],
  );
  const usage = mapOpenAICompatibleUsage(completion.usage);
  const wantsObject = finishReason !== 'tool-calls' && finishReason !== 'content-filter';
  const object = wantsObject
    ? parseStructuredOutput(text, context.responseFormat, { provider: context.provider, model })
    : undefined;
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
