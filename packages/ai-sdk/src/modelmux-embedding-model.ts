import type {
  EmbeddingModelV3,
  EmbeddingModelV3CallOptions,
  EmbeddingModelV3Result,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { readModelmuxOptions } from './modelmux-call-options.js';
import type { ModelmuxModelContext } from './modelmux-language-model.js';
import { routingMetadata } from './map-result.js';
import type { ResolvedModelId } from './resolve-model-id.js';
import { toAiSdkError } from './to-ai-sdk-error.js';

/**
 * A routed embedding model (AI SDK specification v3) for `embed` / `embedMany`: routed like chat,
 * among the providers that embed, with fallback. The AI SDK splits nothing: the adapters batch.
 */
export class ModelmuxEmbeddingModel implements EmbeddingModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'modelmux';
  readonly maxEmbeddingsPerCall = undefined;
  readonly supportsParallelCalls = true;

  constructor(
    readonly modelId: string,
    private readonly target: ResolvedModelId,
    private readonly context: ModelmuxModelContext,
  ) {}

  async doEmbed(call: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
    const warnings: SharedV3Warning[] = [];
    const modelmux = readModelmuxOptions(call.providerOptions?.['modelmux']);
    if (modelmux.strategy !== undefined)
      warnings.push({
        type: 'unsupported',
        feature: 'providerOptions.modelmux.strategy',
        details: 'embeddings are routed among the providers that embed; no strategy applies',
      });
    if (modelmux.requestId !== undefined)
      warnings.push({
        type: 'unsupported',
        feature: 'providerOptions.modelmux.requestId',
        details: 'embedding requests get their own id (providerMetadata.modelmux.requestId)',
      });
    const headers = Object.keys(call.headers ?? {}).filter((h) => h.toLowerCase() !== 'user-agent');
    if (headers.length > 0)
      warnings.push({
        type: 'unsupported',
        feature: 'headers',
        details: `not sent (${headers.join(', ')})`,
      });
    let result;
    try {
      result = await this.context.llm.embed(call.values, {
        ...(this.target.model !== undefined && { model: this.target.model }),
        ...(call.abortSignal !== undefined && { signal: call.abortSignal }),
        ...(modelmux.metadata !== undefined && { metadata: modelmux.metadata }),
      });
    } catch (error) {
      throw toAiSdkError(error, { signal: call.abortSignal });
    }
    return {
      embeddings: result.embeddings,
      usage: { tokens: result.usage.inputTokens },
      providerMetadata: routingMetadata({ ...result, cached: false }),
      warnings,
    };
  }
}
