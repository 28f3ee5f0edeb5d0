import {
  InvalidRequestError,
  type ChatRequest,
  type Message,
  type ResponseFormat,
} from '@modelmux/core';
import { convertToOpenAICompatibleMessages } from './convert-to-openai-compatible-messages.js';
import type { OpenAIChatWireRequest, OpenAIChatWireResponseFormat } from './openai-chat-wire.js';
import { prepareOpenAICompatibleTools } from './prepare-openai-compatible-tools.js';

/** Which body field carries the output token limit. */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

/** How a vendor asks for JSON: the `response_format` to send and the messages to send with it (an added instruction, say). */
export interface OpenAICompatibleJsonOutput {
  responseFormat: OpenAIChatWireResponseFormat | undefined;
  messages: readonly Message[];
}

/** The instance's defaults a request falls back to, and the vendor's choices. */
export interface OpenAICompatibleRequestDefaults {
  model: string;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  maxTokensField: MaxTokensField;
  /** `providerOptions` keys merged into the body, in order (the type, then the instance name). */
  providerOptionKeys: readonly string[];
  /** The vendor's JSON output (OpenAI: `json_schema`; Groq: JSON mode with the schema in a system message); none when absent. */
  jsonOutput?: (
    format: ResponseFormat | undefined,
    messages: readonly Message[],
  ) => OpenAICompatibleJsonOutput;
}

/** The defaults a model instance knows; the vendor's builder adds its token field and JSON output. */
export type OpenAICompatibleInstanceDefaults = Omit<
  OpenAICompatibleRequestDefaults,
  'maxTokensField' | 'jsonOutput'
>;

/**
 * Builds the chat completion body: messages, sampling, the token limit in the vendor's field,
 * tools, the vendor's JSON output, then `providerOptions` merged over the result (they win).
 */
export function buildOpenAICompatibleRequest(
  request: ChatRequest,
  defaults: OpenAICompatibleRequestDefaults,
): OpenAIChatWireRequest {
  const json = defaults.jsonOutput?.(request.responseFormat, request.messages) ?? {
    responseFormat: undefined,
    messages: request.messages,
  };
  const temperature = request.temperature ?? defaults.temperature;
  const maxTokens = request.maxTokens ?? defaults.maxTokens;
  const body: OpenAIChatWireRequest = {
    model: request.model ?? defaults.model,
    messages: convertToOpenAICompatibleMessages(json.messages),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxTokens !== undefined ? { [defaults.maxTokensField]: maxTokens } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    ...prepareOpenAICompatibleTools(request.tools, request.toolChoice),
    ...(json.responseFormat ? { response_format: json.responseFormat } : {}),
  };
  const vendorOptions = providerOptionsFor(request, defaults.providerOptionKeys);
  checkOneChoice(vendorOptions, request, defaults.providerOptionKeys);
  return { ...body, ...vendorOptions };
}

/**
 * modelmux returns one answer a call: `n` other than 1 (several choices, interleaved into one
 * streamed text) or a `stream` flag of the caller's is rejected, naming the key it came from.
 */
function checkOneChoice(
  merged: Record<string, unknown>,
  request: ChatRequest,
  keys: readonly string[],
): void {
  for (const field of ['n', 'stream'] as const) {
    if (merged[field] === undefined || (field === 'n' && merged[field] === 1)) continue;
    const key = [...keys]
      .reverse()
      .find((k) => request.providerOptions?.[k]?.[field] !== undefined);
    throw new InvalidRequestError({
      field: `providerOptions.${key ?? keys[0]}.${field}`,
      message:
        field === 'n'
          ? 'modelmux returns one answer a call: remove `n` (or set it to 1) and make several calls'
          : 'is set by modelmux (generate or stream): remove it',
    });
  }
}

/** Merges `providerOptions[key]` for each key, later keys winning. */
export function providerOptionsFor(
  request: ChatRequest,
  keys: readonly string[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const key of keys) Object.assign(merged, request.providerOptions?.[key]);
  return merged;
}
