import { NoSuchModelError } from '@ai-sdk/provider';
import { routingStrategies } from '@modelmux/core';
import { parseModelId } from 'modelmux';

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
 * Reads a model id by modelmux's one rule (`parseModelId`: `'auto'`, a routing strategy, a
 * configured provider name, or `'provider/model'`); strategies are for language models only.
 * Anything else is the AI SDK's `NoSuchModelError` naming the id and the valid forms.
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
  const target = parseModelId(modelId, providers);
  if (target === undefined) {
    const slash = modelId.indexOf('/');
    if (slash > 0 && !providers.includes(modelId.slice(0, slash)))
      return fail(` (no enabled provider named "${modelId.slice(0, slash)}")`);
    return fail(slash === modelId.length - 1 ? ' (the model after the slash is empty)' : '');
  }
  if (target.strategy !== undefined && type === 'embeddingModel')
    return fail(' (embeddings are routed among the providers that embed; no strategy applies)');
  return target;
}
