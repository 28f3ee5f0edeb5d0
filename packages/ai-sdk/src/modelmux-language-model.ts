import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import type { RoutedLLM } from 'modelmux';
import { routingMetadata, toFinishReason, toUsage } from './map-result.js';
import { prepareCall } from './prepare-call.js';
import type { ResolvedModelId } from './resolve-model-id.js';
import { toStreamParts } from './stream-parts.js';
import { toAiSdkError } from './to-ai-sdk-error.js';

/** What a model needs from its provider: the routed model, provider types, request ids. */
export interface ModelmuxModelContext {
  llm: RoutedLLM;
  /** The enabled providers' types by name (read only when a call needs it). */
  providerTypes: () => Record<string, string>;
  newRequestId: () => string;
}

/**
 * A routed model in the AI SDK's language model specification (v3): each call goes through the
 * factory's router, fallback, breakers, budgets, cache and metrics. `response.modelId` is the
 * model that answered; `providerMetadata.modelmux` says how it was routed.
 */
export class ModelmuxLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'modelmux';
  /** Images given as URLs are downloaded by the AI SDK and sent inline, which every vendor takes. */
  readonly supportedUrls: Record<string, RegExp[]> = {};

  constructor(
    readonly modelId: string,
    private readonly target: ResolvedModelId,
    private readonly context: ModelmuxModelContext,
  ) {}

  private prepare(call: LanguageModelV3CallOptions) {
    return prepareCall(call, this.target, this.context.providerTypes, this.context.newRequestId);
  }

  async doGenerate(call: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { request, options, warnings } = this.prepare(call);
    let result;
    try {
      result = await this.context.llm.invoke(request, options);
    } catch (error) {
      throw toAiSdkError(error, { requestId: options.requestId, signal: call.abortSignal });
    }
    const content: LanguageModelV3Content[] = [];
    if (result.text.length > 0) content.push({ type: 'text', text: result.text });
    for (const toolCall of result.toolCalls)
      content.push({
        type: 'tool-call',
        toolCallId: toolCall.id,
        toolName: toolCall.name,
        input: toolCall.rawArgs.trim() === '' ? '{}' : toolCall.rawArgs,
      });
    return {
      content,
      finishReason: toFinishReason(result.finishReason),
      usage: toUsage(result.usage),
      providerMetadata: routingMetadata(result),
      request: { body: { requestId: result.requestId } },
      response: { id: result.requestId, modelId: result.model, timestamp: new Date() },
      warnings,
    };
  }

  async doStream(call: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { request, options, warnings } = this.prepare(call);
    const context = { requestId: options.requestId, signal: call.abortSignal };
    const events = this.context.llm.stream(request, options)[Symbol.asyncIterator]();
    // Read the first event here: a failure before it (after modelmux's own fallback) rejects
    // `doStream`, as a failed HTTP call does for the AI SDK's own providers.
    let first;
    try {
      first = await events.next();
    } catch (error) {
      throw toAiSdkError(error, context);
    }
    if (first.done)
      throw toAiSdkError(new Error('the routed stream ended without an event'), context);
    return {
      stream: toStreamParts(first.value, events, warnings, context),
      request: { body: { requestId: options.requestId } },
    };
  }
}
