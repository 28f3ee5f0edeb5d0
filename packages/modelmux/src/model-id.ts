import { routingStrategies } from '@modelmux/core';

/** What a drop-in's model id asks of the factory. Empty: the factory's own routing (`'auto'`). */
export interface ModelIdTarget {
  /** Start with this provider (`getProvider(provider)`). */
  provider?: string;
  /** Ask for this model (`InvokeOptions.model`). */
  model?: string;
  /** Route with this strategy (`InvokeOptions.strategy`). */
  strategy?: string;
}

const strategies: ReadonlySet<string> = new Set(routingStrategies);

/**
 * Reads a model id as the drop-ins (LangChain, AI SDK, the OpenAI-format handler) take it:
 * `'auto'` (the factory's strategy), a strategy name (`'cost'`, `'quality'`, …), a provider name
 * (`'anthropic'`), or `'provider/model'`. Strategy names are read before provider names.
 * Undefined when the id is none of these: each drop-in reports that in its own error type, with
 * `modelIdForms(providers)` as the fix.
 */
export function parseModelId(id: string, providers: readonly string[]): ModelIdTarget | undefined {
  if (id === 'auto') return {};
  if (strategies.has(id)) return { strategy: id };
  if (providers.includes(id)) return { provider: id };
  const slash = id.indexOf('/');
  if (slash > 0 && slash < id.length - 1 && providers.includes(id.slice(0, slash)))
    return { provider: id.slice(0, slash), model: id.slice(slash + 1) };
  return undefined;
}

/** The valid forms of a model id, for error messages: "use 'auto', a strategy (…), …". */
export function modelIdForms(providers: readonly string[]): string {
  return (
    `use 'auto', a strategy (${routingStrategies.join(', ')}), ` +
    `a provider (${providers.join(', ') || 'none configured'}) or 'provider/model' (e.g. '${providers[0] ?? 'openai'}/<model>')`
  );
}
