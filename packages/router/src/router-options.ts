import {
  ConfigError,
  type ConfigIssue,
  type ModelInfo,
  type Provider,
  routingStrategies,
} from '@modelmux/core';
import type { Candidate, ProviderEntry, RouterOptions, StrategyInput } from './types.js';

/** One provider as the router keeps it, resolved once at creation. */
export interface RouterEntry {
  readonly name: string;
  readonly provider: Provider;
  readonly candidate: Candidate;
  /** The candidate for embed plans (with the configured embedding model, if any). */
  readonly embedCandidate: Candidate;
  /** The configured chat model, if any. */
  readonly model: string | undefined;
  readonly embeddingModel: string | undefined;
  readonly weight: number;
  readonly quality: number | undefined;
  readonly maxTokens: number | undefined;
  /** Position in the configured order (primary, fallbacks, rest). */
  readonly index: number;
  /** Catalogue lookups by model id, cached (a model's info does not change). */
  readonly infos: Map<string, ModelInfo | undefined>;
  /**
   * The candidates naming the provider's own default models, for a request whose `model`
   * belongs to another provider (made on first use).
   */
  own?: { chat?: Candidate; embed?: Candidate };
}

function isProvider(entry: ProviderEntry): entry is Provider {
  return typeof (entry as Provider).generate === 'function';
}

/** A strategy option is a known name or an object with `name` and `order`. */
export function strategyIssue(strategy: unknown): string | undefined {
  if (typeof strategy === 'string')
    return (routingStrategies as readonly string[]).includes(strategy)
      ? undefined
      : `unknown strategy "${strategy}": use one of ${routingStrategies.join(', ')}, or an object { name, order(candidates, context) }`;
  if (
    strategy &&
    typeof strategy === 'object' &&
    typeof (strategy as { order?: unknown }).order === 'function' &&
    typeof (strategy as { name?: unknown }).name === 'string'
  )
    return undefined;
  return `expected a strategy name (${routingStrategies.join(', ')}) or an object { name, order(candidates, context) }`;
}

/**
 * Validates the router's options and resolves the providers into entries in configured order.
 * Throws `ConfigError` naming each bad path.
 */
export function resolveEntries(options: RouterOptions): RouterEntry[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!Array.isArray(options.providers) || options.providers.length === 0) {
    add(
      'providers',
      'required: at least one provider (an adapter instance or { provider, model })',
    );
    throw new ConfigError({ issues });
  }
  const raw: Omit<RouterEntry, 'index'>[] = [];
  const seen = new Set<string>();
  options.providers.forEach((entry, i) => {
    const path = `providers.${i}`;
    const provider = entry && (isProvider(entry) ? entry : entry.provider);
    if (!provider || typeof provider.generate !== 'function' || typeof provider.name !== 'string') {
      add(path, 'expected a Provider (e.g. createOpenAI(…)) or { provider, model }');
      return;
    }
    if (seen.has(provider.name))
      add(path, `"${provider.name}" is listed twice: give each provider instance a unique name`);
    seen.add(provider.name);
    const settings = isProvider(entry) ? {} : entry;
    const weight = 'weight' in settings ? settings.weight : undefined;
    if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0))
      add(`${path}.weight`, 'expected a routing weight ≥ 0 (e.g. 1)');
    const quality = 'quality' in settings ? settings.quality : undefined;
    if (quality !== undefined && !(Number.isFinite(quality) && quality >= 0 && quality <= 1))
      add(`${path}.quality`, 'expected a number from 0 to 1 (e.g. 0.8)');
    const maxTokens = 'maxTokens' in settings ? settings.maxTokens : undefined;
    if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0))
      add(`${path}.maxTokens`, 'expected a whole number of output tokens ≥ 1 (e.g. 1024)');
    const model = 'model' in settings ? settings.model : undefined;
    const embeddingModel = 'embeddingModel' in settings ? settings.embeddingModel : undefined;
    raw.push({
      name: provider.name,
      provider,
      candidate: model === undefined ? provider : { provider, model },
      model,
      embeddingModel,
      embedCandidate: embeddingModel === undefined ? provider : { provider, model: embeddingModel },
      weight: weight ?? 1,
      quality,
      maxTokens,
      infos: new Map(),
    });
  });
  const names = raw.map((e) => e.name);
  const known = `configured: ${names.join(', ')}`;
  const checkName = (path: string, name: unknown) => {
    if (typeof name !== 'string' || !names.includes(name))
      add(path, `unknown provider ${JSON.stringify(name)}: name one of the providers (${known})`);
  };
  if (options.primary !== undefined) checkName('primary', options.primary);
  options.fallbacks?.forEach((name, i) => checkName(`fallbacks.${i}`, name));
  if (options.strategy !== undefined) {
    const issue = strategyIssue(options.strategy);
    if (issue) add('strategy', issue);
  }
  if ((options.strategy ?? 'x') === 'manual' && options.primary === undefined)
    add('primary', "required when strategy is 'manual': name the provider to use first");
  options.rules?.forEach((rule, i) => {
    const use = rule?.use;
    if (typeof use === 'string') checkName(`rules.${i}.use`, use);
    else if (Array.isArray(use)) {
      if (use.length === 0) add(`rules.${i}.use`, 'expected at least one provider name');
      use.forEach((name, j) => checkName(`rules.${i}.use.${j}`, name));
    } else if (use && typeof use === 'object' && 'strategy' in use) {
      const issue = strategyIssue((use as { strategy: StrategyInput }).strategy);
      if (issue) add(`rules.${i}.use.strategy`, issue);
    } else
      add(`rules.${i}.use`, "expected a provider name, a list of names or { strategy: 'quality' }");
    if (typeof rule?.when !== 'function' && (typeof rule?.when !== 'object' || rule.when === null))
      add(
        `rules.${i}.when`,
        "expected metadata fields to match (e.g. { task: 'classify' }) or a predicate",
      );
  });
  const experimentNames = new Set<string>();
  options.experiments?.forEach((experiment, i) => {
    if (typeof experiment?.name !== 'string' || experiment.name === '')
      add(`experiments.${i}.name`, 'required: a name for the experiment');
    else if (experimentNames.has(experiment.name))
      add(`experiments.${i}.name`, `"${experiment.name}" is used by another experiment`);
    else experimentNames.add(experiment.name);
    const variants = experiment?.variants ?? {};
    const variantNames = Object.keys(variants);
    if (variantNames.length === 0)
      add(
        `experiments.${i}.variants`,
        "expected at least one variant, e.g. { A: 'openai', B: 'anthropic' }",
      );
    for (const [variant, name] of Object.entries(variants))
      checkName(`experiments.${i}.variants.${variant}`, name);
    if (experiment?.split) {
      let total = 0;
      for (const variant of variantNames) {
        const share = experiment.split[variant];
        if (share === undefined || !(Number.isFinite(share) && share >= 0))
          add(
            `experiments.${i}.split.${variant}`,
            'expected a share ≥ 0 for every variant (e.g. 50)',
          );
        else total += share;
      }
      for (const key of Object.keys(experiment.split))
        if (!variantNames.includes(key))
          add(
            `experiments.${i}.split.${key}`,
            `"${key}" is not a variant (variants: ${variantNames.join(', ')})`,
          );
      if (total <= 0)
        add(`experiments.${i}.split`, 'the shares add up to 0: give a variant a share > 0');
    }
  });
  if (issues.length > 0) throw new ConfigError({ issues });

  // Configured order: primary, fallbacks, then the rest as listed.
  const order: string[] = [];
  if (options.primary !== undefined) order.push(options.primary);
  for (const name of options.fallbacks ?? []) if (!order.includes(name)) order.push(name);
  for (const name of names) if (!order.includes(name)) order.push(name);
  return order.flatMap((name, index) => {
    const entry = raw.find((e) => e.name === name);
    return entry ? [{ ...entry, index }] : [];
  });
}
