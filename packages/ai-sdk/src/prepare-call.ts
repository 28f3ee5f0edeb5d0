import type {
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { ChatRequest, ToolChoice, ToolDefinition } from '@modelmux/core';
import type { InvokeOptions } from 'modelmux';
import { convertPrompt } from './convert-prompt.js';
import { readModelmuxOptions } from './modelmux-call-options.js';
import type { ResolvedModelId } from './resolve-model-id.js';
import { mergeVendorOptions, samplingProviderOptions } from './sampling-settings.js';

/** One AI SDK call as modelmux's request and per-call options, with the warnings it raised. */
export interface PreparedCall {
  request: ChatRequest;
  options: InvokeOptions & { requestId: string };
  warnings: SharedV3Warning[];
}

function toolChoice(choice: LanguageModelV3CallOptions['toolChoice']): ToolChoice | undefined {
  if (!choice) return undefined;
  return choice.type === 'tool' ? { name: choice.toolName } : choice.type;
}

function tools(
  given: LanguageModelV3CallOptions['tools'],
  warnings: SharedV3Warning[],
): ToolDefinition[] | undefined {
  if (!given || given.length === 0) return undefined;
  const functions = given.filter((t): t is LanguageModelV3FunctionTool => t.type === 'function');
  for (const tool of given)
    if (tool.type !== 'function')
      warnings.push({
        type: 'unsupported',
        feature: `provider-defined tool ${tool.id}`,
        details: 'modelmux routes function tools only; this tool was not sent',
      });
  return functions.map((tool) => ({
    name: tool.name,
    ...(tool.description !== undefined && { description: tool.description }),
    parameters: tool.inputSchema as ToolDefinition['parameters'],
  }));
}

/** The caller's `providerOptions` other than `modelmux` (vendor body fields, keyed by type). */
function vendorOptions(
  given: LanguageModelV3CallOptions['providerOptions'],
): Record<string, Record<string, unknown>> {
  const rest: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(given ?? {}))
    if (key !== 'modelmux') rest[key] = value as Record<string, unknown>;
  return rest;
}

/**
 * Maps the AI SDK's call options onto a `ChatRequest` and `InvokeOptions`. Settings modelmux
 * cannot honour become `warnings` (never silence): custom headers, raw chunks, provider tools,
 * and sampling settings some configured providers ignore.
 */
export function prepareCall(
  call: LanguageModelV3CallOptions,
  target: ResolvedModelId,
  providerTypes: () => Record<string, string>,
  newRequestId: () => string,
): PreparedCall {
  const warnings: SharedV3Warning[] = [];
  const modelmux = readModelmuxOptions(call.providerOptions?.['modelmux']);
  const format = call.responseFormat;
  const toolList = tools(call.tools, warnings);
  const choice = toolList ? toolChoice(call.toolChoice) : undefined;
  const vendor = mergeVendorOptions(
    samplingProviderOptions(call, providerTypes, warnings),
    vendorOptions(call.providerOptions),
  );
  const headers = Object.keys(call.headers ?? {}).filter(
    (name) => name.toLowerCase() !== 'user-agent' && call.headers?.[name] !== undefined,
  );
  if (headers.length > 0)
    warnings.push({
      type: 'unsupported',
      feature: 'headers',
      details: `not sent (${headers.join(', ')}): modelmux calls each provider with the headers of its settings`,
    });
  if (call.includeRawChunks)
    warnings.push({
      type: 'unsupported',
      feature: 'includeRawChunks',
      details: 'no raw chunks are streamed',
    });

  const request: ChatRequest = {
    messages: convertPrompt(call.prompt, warnings),
    ...(target.model !== undefined && { model: target.model }),
    ...(call.temperature !== undefined && { temperature: call.temperature }),
    ...(call.maxOutputTokens !== undefined && { maxTokens: call.maxOutputTokens }),
    ...(call.topP !== undefined && { topP: call.topP }),
    ...(call.stopSequences?.length && { stop: call.stopSequences }),
    ...(toolList && { tools: toolList }),
    ...(choice !== undefined && { toolChoice: choice }),
    ...(format?.type === 'json' && {
      responseFormat: {
        type: 'json' as const,
        ...(format.schema !== undefined && { schema: format.schema as never }),
        ...(format.name !== undefined && { name: format.name }),
        ...(format.description !== undefined && { description: format.description }),
      },
    }),
    ...(call.abortSignal !== undefined && { signal: call.abortSignal }),
    ...(modelmux.metadata !== undefined && { metadata: modelmux.metadata }),
    ...(Object.keys(vendor).length > 0 && { providerOptions: vendor }),
  };
  const strategy = modelmux.strategy ?? target.strategy;
  return {
    request,
    options: {
      requestId: modelmux.requestId ?? newRequestId(),
      ...(strategy !== undefined && { strategy }),
    },
    warnings,
  };
}
