import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { ConfigError } from '@modelmux/core';
import type { ProviderFactory } from 'modelmux';
import { type ModelTarget, resolveModelId } from './model-target.js';

/** `new ModelmuxEmbeddings({ factory, model })`. */
export interface ModelmuxEmbeddingsFields extends EmbeddingsParams {
  factory: ProviderFactory;
  /** `'auto'` (default: the factory's strategy), a provider, or `'provider/model'` (an embedding model). */
  model?: string;
  /** Vector size, where the model can shorten its vectors (OpenAI's text-embedding-3). */
  dimensions?: number;
}

/**
 * LangChain embeddings through a modelmux `ProviderFactory`: routed among the providers that can
 * embed, with fallback. modelmux owns retries: LangChain's `AsyncCaller` retries are not used.
 *
 * @example
 * const embeddings = new ModelmuxEmbeddings({ factory });
 * const vectors = await embeddings.embedDocuments(['a', 'b']);
 */
export class ModelmuxEmbeddings extends Embeddings {
  readonly model: string;
  dimensions?: number;
  private readonly target: ModelTarget;

  constructor(fields: ModelmuxEmbeddingsFields) {
    const { factory, model, dimensions, ...base } = fields;
    super(base);
    this.model = model ?? 'auto';
    this.target = resolveModelId(factory, this.model);
    // modelmux's `embed` routes with the factory's strategy; it takes no per-call strategy.
    if (this.target.strategy !== undefined)
      throw new ConfigError({
        issues: [
          {
            path: 'model',
            message: `"${this.model}" is a routing strategy, which embeddings cannot choose per call: use 'auto' (the factory's strategy), a provider or 'provider/model'`,
          },
        ],
      });
    this.dimensions = dimensions;
  }

  /** One vector per text, in order. */
  async embedDocuments(documents: string[]): Promise<number[][]> {
    const result = await this.target.llm.embed(documents, {
      ...(this.target.model !== undefined && { model: this.target.model }),
      ...(this.dimensions !== undefined && { dimensions: this.dimensions }),
    });
    return result.embeddings;
  }

  /** The vector of one text. */
  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.embedDocuments([document]);
    return vector as number[];
  }
}
