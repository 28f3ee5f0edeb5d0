import { randomUUID } from 'node:crypto';
import { type ProviderV3, NoSuchModelError } from '@ai-sdk/provider';
import type { ProviderFactory } from 'modelmux';
import { ModelmuxEmbeddingModel } from './modelmux-embedding-model.js';
import { ModelmuxLanguageModel, type ModelmuxModelContext } from './modelmux-language-model.js';
import { resolveModelId } from './resolve-model-id.js';

/** The factory methods the provider uses (all public `ProviderFactory` API). */
export type ModelmuxFactory = Pick<
  ProviderFactory,
  'getProvider' | 'listProviders' | 'getProviderInfo'
>;

/**
 * modelmux as an AI SDK provider: `modelmux(id)` is a language model, `modelmux.embedding(id)`
 * an embedding model. Ids: `'auto'`, a routing strategy (`'cost'`, `'quality'`, …), a provider
 * name (`'anthropic'`), or `'provider/model'`.
 */
export interface ModelmuxProvider extends ProviderV3 {
  (modelId: string): ModelmuxLanguageModel;
  languageModel(modelId: string): ModelmuxLanguageModel;
  /** An embedding model: `'auto'`, a provider name, or `'provider/model'`. */
  embedding(modelId: string): ModelmuxEmbeddingModel;
  embeddingModel(modelId: string): ModelmuxEmbeddingModel;
  /** @deprecated the AI SDK's older name; use `embedding`. */
  textEmbeddingModel(modelId: string): ModelmuxEmbeddingModel;
}

/**
 * Makes the AI SDK provider over a `ProviderFactory`. Model ids are checked when the model is
 * made: an unknown one is `NoSuchModelError` naming it and the valid forms.
 *
 * @example
 * const modelmux = createModelmux(factory);
 * const { text } = await generateText({ model: modelmux('auto'), prompt: 'What is RAG?' });
 */
export function createModelmux(factory: ModelmuxFactory): ModelmuxProvider {
  const providerTypes = (): Record<string, string> =>
    Object.fromEntries(factory.listProviders().map((n) => [n, factory.getProviderInfo(n).type]));
  const context = (provider: string | undefined): ModelmuxModelContext => ({
    llm: factory.getProvider(provider),
    providerTypes,
    newRequestId: randomUUID,
  });
  const languageModel = (modelId: string) => {
    const target = resolveModelId(modelId, factory.listProviders(), 'languageModel');
    return new ModelmuxLanguageModel(modelId, target, context(target.provider));
  };
  const embedding = (modelId: string) => {
    const target = resolveModelId(modelId, factory.listProviders(), 'embeddingModel');
    return new ModelmuxEmbeddingModel(modelId, target, context(target.provider));
  };
  const provider = (modelId: string) => languageModel(modelId);
  return Object.assign(provider, {
    specificationVersion: 'v3' as const,
    languageModel,
    embedding,
    embeddingModel: embedding,
    textEmbeddingModel: embedding,
    imageModel(modelId: string): never {
      throw new NoSuchModelError({
        modelId,
        modelType: 'imageModel',
        message: `modelmux: no image model ${JSON.stringify(modelId)}: modelmux routes language and embedding models`,
      });
    },
  });
}
