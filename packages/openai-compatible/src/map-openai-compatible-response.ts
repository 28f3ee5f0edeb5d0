import { ProviderError, type FinishReason } from '@modelmux/core';
import type { ProviderResponse } from '@modelmux/core/provider-utils';
import { mapOpenAICompatibleFinishReason } from './map-openai-compatible-finish-reason.js';
import { mapOpenAICompatibleUsage } from './map-openai-compatible-usage.js';
import type { OpenAIChatWireCompletion } from './openai-chat-wire.js';
import { parseToolCall } from './parse-tool-call.js';
import { providerErrorMessage } from './provider-error-message.js';

/** Who the completion is for (named in the error when it is not a completion). */
export interface OpenAICompatibleResponseContext {
  provider: string;
  requestedModel: string;
}

/**
 * Reads a chat completion (what core's `runProviderGenerate` prices, parses and times): text,
 * function tool calls (args parsed), finish reason and usage. A refusal (OpenAI's structured
 * outputs) is reported as finish reason `content-filter` with the refusal as text, as the
 * stream does. A body that is not a completion (`null`, an HTML page the SDK read as text, an
 * object without a choice) is a retryable `server` error: the vendor answered 200 with
 * something broken.
 */
export function mapOpenAICompatibleResponse(
  completion: OpenAIChatWireCompletion | null | undefined,
  context: OpenAICompatibleResponseContext,
): ProviderResponse {
  const model =
    (isObject(completion) && typeof completion.model === 'string' && completion.model) ||
    context.requestedModel;
  const choice =
    isObject(completion) && Array.isArray(completion.choices)
      ? // Choice 0 only (a server may send more unasked, in any order).
        (completion.choices.find(
          (c: unknown) => isObject(c) && ((c as { index?: unknown }).index ?? 0) === 0,
        ) ?? completion.choices[0])
      : undefined;
  if (!isObject(choice) || !isObject(choice.message)) {
    const what = isObject(completion) ? 'a completion without a choice' : describe(completion);
    throw new ProviderError({
      kind: 'server',
      provider: context.provider,
      model,
      message: providerErrorMessage({
        provider: context.provider,
        model,
        kind: 'server',
        text: `the response was ${what}, not a chat completion`,
      }),
    });
  }
  const message = choice.message;
  const refusal =
    typeof message.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
  const content = typeof message.content === 'string' ? message.content : '';
  const text = content || refusal || '';
  const finishReason: FinishReason =
    refusal && !content ? 'content-filter' : mapOpenAICompatibleFinishReason(choice.finish_reason);
  const toolCalls = (Array.isArray(message.tool_calls) ? message.tool_calls : []).flatMap((call) =>
    call.function && (call.type === undefined || call.type === 'function')
      ? [parseToolCall(call.id, call.function.name, call.function.arguments ?? '')]
      : [],
  );
  return {
    text,
    toolCalls,
    finishReason,
    usage: mapOpenAICompatibleUsage(
      (completion as OpenAIChatWireCompletion).usage,
      (completion as OpenAIChatWireCompletion).service_tier,
    ),
    model,
    raw: completion,
  };
}

function isObject<T>(value: T): value is T & object {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return `empty (${String(value)})`;
  if (typeof value === 'string')
    return /^\s*</.test(value) ? 'an HTML page' : `text (${value.slice(0, 40)})`;
  return `a ${typeof value}`;
}
