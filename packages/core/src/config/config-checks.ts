import { defaultCatalogue } from '../catalogue/default-catalogue.js';
import { headerSettingIssues } from '../header-setting-issues.js';
import { mergeCatalogueEntries } from '../catalogue/merge-catalogue.js';
import {
  builtInProviderTypes,
  isBuiltInProviderType,
  providerNamePattern,
  providerNameRule,
} from './names.js';

/** The parsed (not yet normalised) config as the cross-field checks see it. */
export interface CheckedConfig {
  primaryProvider?: unknown;
  routingStrategy?: unknown;
  fallbackProviders?: unknown;
  providers?: unknown;
  costLimitPerRequest?: unknown;
  dailyCostLimit?: unknown;
  monthlyCostLimit?: unknown;
  rateLimits?: unknown;
  catalogue?: unknown;
}

/** Where the checks report: zod's refinement context, or a plain collector. */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void;
}

type Context = IssueSink;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function add(ctx: Context, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function configured(names: readonly string[]): string {
  return names.length ? `configured: ${names.join(', ')}` : 'no provider is configured';
}

function checkProviderKeys(
  ctx: Context,
  path: PropertyKey[],
  record: unknown,
  names: readonly string[],
  what: string,
): void {
  if (!record || typeof record !== 'object') return;
  for (const key of Object.keys(record)) {
    if (!names.includes(key))
      add(
        ctx,
        [...path, key],
        `unknown provider "${key}" in ${what}: add it under providers or remove this limit (${configured(names)})`,
      );
  }
}

/**
 * The adapter's own check of `apiKey` and `headers` (a newline, a control character…), run when
 * the config is parsed: adapters are loaded on first use, so otherwise the first call would be
 * the first to hear of it. Values are never echoed.
 */
function checkHeaderSettings(ctx: Context, name: string, settings: unknown): void {
  if (!isRecord(settings)) return;
  const apiKey = typeof settings['apiKey'] === 'string' ? settings['apiKey'] : undefined;
  const headers = isRecord(settings['headers'])
    ? (Object.fromEntries(
        Object.entries(settings['headers']).filter(([, value]) => typeof value === 'string'),
      ) as Record<string, string>)
    : undefined;
  for (const issue of headerSettingIssues(apiKey, headers))
    add(ctx, ['providers', name, ...issue.path.split(/\.(.*)/s, 2)], issue.message);
}

/**
 * The cross-field rules of a config, each reported at its own path: provider names and types,
 * the primary provider, the fallback list, cost and rate limits naming unknown providers, header
 * values fetch would refuse, and catalogue
 * overrides (complete entries for new models).
 */
export function checkConfig(config: CheckedConfig, ctx: Context): void {
  // Defensive throughout: this also runs on raw input that failed the schema, to report everything at once.
  const providers: Record<string, { type?: unknown }> = isRecord(config.providers)
    ? (config.providers as Record<string, { type?: unknown }>)
    : {};
  const names = Object.keys(providers);
  if (names.length === 0 && (config.providers === undefined || isRecord(config.providers))) {
    add(
      ctx,
      ['providers'],
      'no provider configured: add at least one, e.g. providers: { openai: { apiKey: process.env.OPENAI_API_KEY } }',
    );
  }
  for (const name of names) {
    if (!providerNamePattern.test(name)) {
      add(ctx, ['providers', name], `invalid provider name: ${providerNameRule}`);
      continue;
    }
    checkHeaderSettings(ctx, name, providers[name]);
    if (
      (providers[name] as { type?: unknown } | undefined)?.type === undefined &&
      !isBuiltInProviderType(name)
    ) {
      add(
        ctx,
        ['providers', name, 'type'],
        `required: "${name}" is not a built-in type (${builtInProviderTypes.join(', ')}), so say which adapter to use, e.g. type: 'openai' for an OpenAI-compatible server such as Ollama`,
      );
    }
  }

  const primary = typeof config.primaryProvider === 'string' ? config.primaryProvider : undefined;
  if (primary !== undefined && !names.includes(primary)) {
    add(
      ctx,
      ['primaryProvider'],
      `"${primary}" is not configured: add providers.${primary} or pick a configured provider (${configured(names)})`,
    );
  }
  if (config.routingStrategy === 'manual' && primary === undefined) {
    add(
      ctx,
      ['primaryProvider'],
      "required when routingStrategy is 'manual': name the provider to use, e.g. primaryProvider: 'openai'",
    );
  }

  const seen = new Set<string>();
  (Array.isArray(config.fallbackProviders) ? config.fallbackProviders : []).forEach(
    (entry: unknown, index) => {
      if (typeof entry !== 'string') return;
      const path = ['fallbackProviders', index];
      if (entry === primary)
        add(
          ctx,
          path,
          `"${entry}" is the primaryProvider: a provider cannot be its own fallback; remove it from fallbackProviders`,
        );
      else if (seen.has(entry)) add(ctx, path, `"${entry}" is listed twice: remove the duplicate`);
      else if (!names.includes(entry))
        add(
          ctx,
          path,
          `unknown provider "${entry}": add providers.${entry} or remove it from fallbackProviders (${configured(names)})`,
        );
      seen.add(entry);
    },
  );

  checkProviderKeys(ctx, ['rateLimits'], config.rateLimits, names, 'rateLimits');
  checkProviderKeys(
    ctx,
    ['costLimitPerRequest'],
    config.costLimitPerRequest,
    names,
    'costLimitPerRequest',
  );
  for (const key of ['dailyCostLimit', 'monthlyCostLimit'] as const) {
    const limit = config[key];
    if (isRecord(limit) && 'perProvider' in limit) {
      checkProviderKeys(ctx, [key, 'perProvider'], limit.perProvider, names, `${key}.perProvider`);
    }
  }

  // Already-dotted paths (`catalogue.gpt-4.1.inputPerMTok`) pass through whole: model ids contain dots.
  for (const issue of mergeCatalogueEntries(defaultCatalogue, config.catalogue).issues)
    add(ctx, [issue.path], issue.message);
}
