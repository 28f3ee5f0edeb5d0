import { ConfigError } from '@modelmux/core';
import { modelIdForms, parseModelId, type ProviderFactory, type RoutedLLM } from 'modelmux';

/** Where a model id sends its calls: a routed model, and the strategy or model it asks for. */
export interface ModelTarget {
  llm: RoutedLLM;
  /** A strategy named by the id (`'cost'`), for every call. */
  strategy?: string;
  /** A model named by the id (`'openai/gpt-4o'`), for every call. */
  model?: string;
}

/**
 * Reads a model id with modelmux's `parseModelId`: `'auto'` (the factory's strategy), a strategy
 * name (`'cost'`, `'quality'`, …), a provider name (`'anthropic'`), or `'provider/model'`. Anything
 * else is a `ConfigError` naming the id and the valid forms.
 */
export function resolveModelId(factory: ProviderFactory, id: string, field = 'model'): ModelTarget {
  const providers = factory.listProviders();
  const parsed = typeof id === 'string' ? parseModelId(id, providers) : undefined;
  if (!parsed)
    throw new ConfigError({
      issues: [
        {
          path: field,
          message: `${JSON.stringify(id)} is not a model id: ${modelIdForms(providers)}`,
        },
      ],
    });
  return {
    llm: factory.getProvider(parsed.provider),
    ...(parsed.strategy !== undefined && { strategy: parsed.strategy }),
    ...(parsed.model !== undefined && { model: parsed.model }),
  };
}
