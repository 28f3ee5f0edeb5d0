import { NoSuchModelError } from '@ai-sdk/provider';
import { routingStrategies } from '@modelmux/core';

/** What a model id asks of the factory: a provider to start with, its model, a strategy. */
export interface ResolvedModelId {
  /** The provider tried first (`getProvider(provider)`); absent: routing decides. */
  provider?: string;
  /** The model on that provider (`'anthropic/claude-…'`); absent: the provider's own. */
  model?: string;
  /** The routing strategy for this model's calls; absent: the factory's. */
  strategy?: string;
}

type ModelType = 'languageModel' | 'embeddingModel';

/** The forms a model id may take, for error messages. */
function validForms(providers: readonly string[], type: ModelType): string {
  const names = providers.length > 0 ? providers.join(', ') : 'none configured';
  const strategies =
    type === 'languageModel' ? `, a routing strategy (${routingStrategies.join(', ')})` : '';
  return `use 'auto' (the factory's routing)${strategies}, a provider name (${names}), or 'provider/model' (e.g. '${providers[0] ?? 'openai'}/<model>')`;
}

/**
 * Reads a model id: `'auto'`, a routing strategy (language models only), a configured provider
 * name, or `'provider/model'`. Anything else is the AI SDK's `NoSuchModelError` naming the id
 * and the valid forms.
 */
export function resolveModelId(
  modelId: string,
  providers: readonly string[],
  type: ModelType,
): ResolvedModelId {
  const fail = (why: string): never => {
    throw new NoSuchModelError({
      modelId: String(modelId),
      modelType: type,
      message: `modelmux: no model ${JSON.stringify(modelId)}${why}: ${validForms(providers, type)}.`,
    });
  };
  if (typeof modelId !== 'string' || modelId.length === 0) return fail('');
  if (modelId === 'auto') return {};
  if (providers.includes(modelId)) return { provider: modelId };
  if ((routingStrategies as readonly string[]).includes(modelId))
    return type === 'languageModel'
      ? { strategy: modelId }
      : fail(' (embeddings are routed among the providers that embed; no strategy applies)');
  const slash = modelId.indexOf('/');
  if (slash > 0) {
    const provider = modelId.slice(0, slash);
    const model = modelId.slice(slash + 1);
    if (!providers.includes(provider)) return fail(` (no enabled provider named "${provider}")`);
    if (model.length === 0) return fail(' (the model after the slash is empty)');
    return { provider, model };
  }
  return fail('');
}
