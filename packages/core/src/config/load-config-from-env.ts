import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { parseConfig, type ParseConfigOptions } from './parse-config.js';
import type { MultiLLMConfig } from './config-schema.js';
import { builtInProviderTypes, type BuiltInProviderType } from './names.js';

/** An environment: variable name → value (`process.env` or any plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variables one provider is read from. */
export interface ProviderEnvVars {
  /** Tried in order; the first one set is used. */
  apiKey: readonly string[];
  baseURL: string;
  model: string;
  /** Only for vendors with embedding models (OpenAI, Google). */
  embeddingModel?: string;
}

/** The environment variables each built-in provider is read from (first key variable found wins). */
export const providerEnvVars: Readonly<Record<BuiltInProviderType, ProviderEnvVars>> = {
  openai: {
    apiKey: ['OPENAI_API_KEY'],
    baseURL: 'OPENAI_BASE_URL',
    model: 'OPENAI_MODEL',
    embeddingModel: 'OPENAI_EMBEDDING_MODEL',
  },
  anthropic: {
    apiKey: ['ANTHROPIC_API_KEY'],
    baseURL: 'ANTHROPIC_BASE_URL',
    model: 'ANTHROPIC_MODEL',
  },
  google: {
    apiKey: ['GOOGLE_API_KEY', 'GEMINI_API_KEY'],
    baseURL: 'GOOGLE_BASE_URL',
    model: 'GOOGLE_MODEL',
    embeddingModel: 'GOOGLE_EMBEDDING_MODEL',
  },
  groq: { apiKey: ['GROQ_API_KEY'], baseURL: 'GROQ_BASE_URL', model: 'GROQ_MODEL' },
};

/** Config paths that come from one `LLM_*` variable. */
const globalEnvVars: Readonly<Record<string, string>> = {
  primaryProvider: 'LLM_PRIMARY_PROVIDER',
  fallbackProviders: 'LLM_FALLBACK_PROVIDERS',
  routingStrategy: 'LLM_ROUTING_STRATEGY',
  enableFallback: 'LLM_ENABLE_FALLBACK',
  timeoutMs: 'LLM_TIMEOUT_MS',
  maxRetries: 'LLM_MAX_RETRIES',
  dailyCostLimit: 'LLM_DAILY_COST_LIMIT',
  monthlyCostLimit: 'LLM_MONTHLY_COST_LIMIT',
};

/** A variable's trimmed value; unset and empty (as `.env` files often leave them) read as absent. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readInteger(
  env: Env,
  name: string,
  min: number,
  what: string,
  issues: ConfigIssue[],
): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min) return value;
  issues.push({
    path: name,
    message: `expected a whole number of ${what} ≥ ${min}, e.g. ${name}=${min === 0 ? 2 : 30000}; got ${JSON.stringify(raw.slice(0, 40))}`,
  });
  return undefined;
}

function readUsd(env: Env, name: string, issues: ConfigIssue[]): number | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  issues.push({
    path: name,
    message: `expected an amount in USD ≥ 0, e.g. ${name}=25; got ${JSON.stringify(raw.slice(0, 40))}`,
  });
  return undefined;
}

function readBoolean(env: Env, name: string, issues: ConfigIssue[]): boolean | undefined {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  issues.push({
    path: name,
    message: `expected true or false; got ${JSON.stringify(raw.slice(0, 40))}`,
  });
  return undefined;
}

/** The env variable a config path came from, when there is one. */
function envVarFor(path: string, keyVars: Readonly<Record<string, string>>): string | undefined {
  const [head, name, field] = path.split('.');
  if (head === undefined) return undefined;
  if (head !== 'providers') return globalEnvVars[head];
  if (name === undefined || field === undefined) return undefined;
  const vars = providerEnvVars[name as BuiltInProviderType];
  if (!vars) return undefined;
  if (field === 'apiKey') return keyVars[name];
  return field === 'baseURL' || field === 'model' || field === 'embeddingModel'
    ? vars[field]
    : undefined;
}

/**
 * Builds and validates a config from environment variables: `LLM_PRIMARY_PROVIDER`,
 * `LLM_FALLBACK_PROVIDERS` (comma-separated), `LLM_ROUTING_STRATEGY`, `LLM_ENABLE_FALLBACK`,
 * `LLM_TIMEOUT_MS`, `LLM_MAX_RETRIES`, `LLM_DAILY_COST_LIMIT`, `LLM_MONTHLY_COST_LIMIT`, and per
 * provider `<P>_API_KEY`, `<P>_BASE_URL`, `<P>_MODEL` for OPENAI, ANTHROPIC, GOOGLE (key also from
 * `GEMINI_API_KEY`) and GROQ, plus `<P>_EMBEDDING_MODEL` for OPENAI and GOOGLE. A provider with a key or a base
 * URL is configured. Without `LLM_PRIMARY_PROVIDER` the first configured of openai, anthropic,
 * google, groq (and not in `LLM_FALLBACK_PROVIDERS`) is primary; without `LLM_FALLBACK_PROVIDERS` the other configured ones are the
 * fallbacks, in that order. Errors name the variable (`LLM_TIMEOUT_MS`), never a key's value.
 */
export function loadConfigFromEnv(
  env: Env = globalThis.process?.env ?? {},
  options: ParseConfigOptions = {},
): MultiLLMConfig {
  const issues: ConfigIssue[] = [];
  const providers: Record<string, Record<string, string>> = {};
  const keyVars: Record<string, string> = {};
  for (const type of builtInProviderTypes) {
    const vars = providerEnvVars[type];
    const keyVar = vars.apiKey.find((name) => read(env, name) !== undefined);
    const apiKey = keyVar === undefined ? undefined : read(env, keyVar);
    const baseURL = read(env, vars.baseURL);
    if (apiKey === undefined && baseURL === undefined) continue;
    if (keyVar !== undefined) keyVars[type] = keyVar;
    const model = read(env, vars.model);
    const embeddingModel =
      vars.embeddingModel === undefined ? undefined : read(env, vars.embeddingModel);
    providers[type] = {
      ...(apiKey !== undefined && { apiKey }),
      ...(baseURL !== undefined && { baseURL }),
      ...(model !== undefined && { model }),
      ...(embeddingModel !== undefined && { embeddingModel }),
    };
  }
  const configured = Object.keys(providers);
  if (configured.length === 0) {
    issues.push({
      path: 'providers',
      message:
        'no provider configured: set at least one of OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY (or GEMINI_API_KEY), GROQ_API_KEY, or a <PROVIDER>_BASE_URL for a server that needs no key',
    });
  }

  const fallbackList = read(env, 'LLM_FALLBACK_PROVIDERS')
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  // Without a named primary: the first configured provider the fallback list does not claim.
  const primaryProvider =
    read(env, 'LLM_PRIMARY_PROVIDER') ??
    configured.find((name) => !fallbackList?.includes(name)) ??
    configured[0];
  const fallbackProviders = fallbackList ?? configured.filter((name) => name !== primaryProvider);
  const timeoutMs = readInteger(env, 'LLM_TIMEOUT_MS', 1, 'milliseconds', issues);
  const maxRetries = readInteger(env, 'LLM_MAX_RETRIES', 0, 'retries', issues);
  const enableFallback = readBoolean(env, 'LLM_ENABLE_FALLBACK', issues);
  const daily = readUsd(env, 'LLM_DAILY_COST_LIMIT', issues);
  const monthly = readUsd(env, 'LLM_MONTHLY_COST_LIMIT', issues);
  if (issues.length > 0) throw new ConfigError({ issues });

  const input = {
    providers,
    fallbackProviders,
    ...(primaryProvider !== undefined && { primaryProvider }),
    ...(read(env, 'LLM_ROUTING_STRATEGY') !== undefined && {
      routingStrategy: read(env, 'LLM_ROUTING_STRATEGY'),
    }),
    ...(enableFallback !== undefined && { enableFallback }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(maxRetries !== undefined && { maxRetries }),
    ...(daily !== undefined && { dailyCostLimit: daily }),
    ...(monthly !== undefined && { monthlyCostLimit: monthly }),
  };
  try {
    return parseConfig(input, options);
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    // Point each problem at the variable to change, keeping the config path for reference.
    throw new ConfigError({
      issues: error.issues.map((issue) => {
        const name = envVarFor(issue.path, keyVars);
        return name
          ? { path: name, message: `${issue.message} (config path ${issue.path})` }
          : issue;
      }),
    });
  }
}
