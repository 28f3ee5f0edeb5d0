import { ConfigError, routingStrategies } from '@modelmux/core';
import type { ProviderFactory, RoutedLLM } from 'modelmux';

/** Where a model id sends its calls: a routed model, and the strategy or model it asks for. */
export interface ModelTarget {
  llm: RoutedLLM;
  /** A strategy named by the id (`'cost'`), for every call. */
  strategy?: string;
  /** A model named by the id (`'openai/gpt-4o'`), for every call. */
  model?: string;
}

/**
 * Reads a model id: `'auto'` (the factory's strategy), a strategy name (`'cost'`, `'quality'`, …),
 * a provider name (`'anthropic'`), or `'provider/model'`. Anything else is a `ConfigError` naming
 * the id and the valid forms.
 */
export function resolveModelId(factory: ProviderFactory, id: string, field = 'model'): ModelTarget {
  if (id === 'auto') return { llm: factory.getProvider() };
  if ((routingStrategies as readonly string[]).includes(id))
    return { llm: factory.getProvider(), strategy: id };
  const providers = factory.listProviders();
  if (providers.includes(id)) return { llm: factory.getProvider(id) };
  const slash = id.indexOf('/');
  const provider = slash > 0 ? id.slice(0, slash) : undefined;
  if (provider !== undefined && providers.includes(provider) && slash < id.length - 1)
    return { llm: factory.getProvider(provider), model: id.slice(slash + 1) };
  throw new ConfigError({
    issues: [
      {
        path: field,
        message:
          `${JSON.stringify(id)} is not a model id: use 'auto', a strategy (${routingStrategies.join(', ')}), ` +
          `a provider (${providers.join(', ') || 'none configured'}) or 'provider/model' (e.g. '${providers[0] ?? 'openai'}/<model>')`,
      },
    ],
  });
}
