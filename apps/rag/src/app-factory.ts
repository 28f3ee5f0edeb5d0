import {
  type Env,
  loadConfigFromEnv,
  type MultiLLMConfig,
  providerEnvVars,
  builtInProviderTypes,
} from '@modelmux/core';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { type FactoryConfigInput, ProviderFactory, type ProviderFactoryOptions } from 'modelmux';

/** The providers the offline mode starts on the fakes (every vendor `@modelmux/testing` speaks). */
export const fakeProviderNames = ['openai', 'anthropic', 'google', 'groq'] as const;

/** Placeholder keys for the fakes: shaped like real ones, valid nowhere. */
const fakeKeys: Record<(typeof fakeProviderNames)[number], string> = {
  openai: 'sk-modelmux-demo-offline',
  anthropic: 'sk-ant-modelmux-demo-offline',
  google: 'AIzaModelmuxDemoOffline',
  groq: 'gsk_modelmux_demo_offline',
};

/** Config keys an app adds on top of the providers (rules, strategy, budgets, cache…). */
export type AppConfig = Omit<FactoryConfigInput, 'providers'>;

/** Options of {@link createAppFactory}. */
export interface AppFactoryOptions {
  /** Where provider keys are read (default `process.env`). No key → the offline fakes. */
  env?: Env;
  /** `'fake'` forces the offline fakes, `'real'` requires keys; default `'auto'` (keys win). */
  mode?: 'auto' | 'fake' | 'real';
  /**
   * The app's own config on top of the providers. A function gets the provider names that were
   * found, so rules can name only configured providers.
   */
  config?: AppConfig | ((providers: readonly string[]) => AppConfig);
  /** Passed to the `ProviderFactory` (logger, clock, backoff…). */
  factoryOptions?: ProviderFactoryOptions;
  /** Fakes already started by the caller (tests, the demo tour); not closed by `close()`. */
  fake?: FakeProviders;
}

/** A factory ready for an app: on the in-process fakes, or on the real providers found in the env. */
export interface AppFactory {
  factory: ProviderFactory;
  /** `'fake'`: the in-process fake servers of `@modelmux/testing`; `'real'`: keys from the env. */
  mode: 'fake' | 'real';
  /** The configured provider names. */
  providers: string[];
  /** The fakes (offline mode only): count requests, script failures. */
  fake: FakeProviders | undefined;
  /** One line for the user: which mode and which providers. */
  describe(): string;
  /** Closes the factory, and the fakes when this call started them. Idempotent. */
  close(): Promise<void>;
}

/** Whether the environment names any provider (a key or a base URL, as `loadConfigFromEnv` reads). */
export function hasProviderEnv(env: Env): boolean {
  return builtInProviderTypes.some((type) => {
    const vars = providerEnvVars[type];
    return [...vars.apiKey, vars.baseURL].some((name) => (env[name]?.trim() ?? '') !== '');
  });
}

/**
 * Builds the `ProviderFactory` an app runs on. With no API key or base URL in the environment
 * (and by default), it starts `@modelmux/testing`'s fake providers in-process and points the real
 * adapters at them: offline, deterministic, free. With keys, it reads the providers from the
 * environment (`ProviderFactory.fromEnv`'s variables) and adds the app's config on top.
 *
 * @example
 * const app = await createAppFactory({ config: { routingStrategy: 'cost' } });
 * console.log(app.describe()); // "offline: fake providers openai, anthropic, google, groq on http://127.0.0.1:…"
 * const res = await app.factory.getProvider().invoke('What is RAG?');
 * await app.close();
 */
export async function createAppFactory(options: AppFactoryOptions = {}): Promise<AppFactory> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? 'auto';
  const real = mode === 'real' || (mode === 'auto' && hasProviderEnv(env));
  if (real) {
    // Throws core's ConfigError naming the variables to set when nothing is configured.
    const base: MultiLLMConfig = loadConfigFromEnv(env);
    const providers = Object.keys(base.providers);
    const extra = resolveConfig(options.config, providers);
    const factory = new ProviderFactory({ ...base, ...extra } as FactoryConfigInput, {
      env,
      ...options.factoryOptions,
    });
    return handle(factory, 'real', providers, undefined, false);
  }
  const owned = options.fake === undefined;
  const fake = options.fake ?? (await startFakeProviders());
  const providers = [...fakeProviderNames];
  try {
    const factory = new ProviderFactory(
      {
        providers: Object.fromEntries(
          providers.map((name) => [name, { apiKey: fakeKeys[name], baseURL: fake.baseURL[name] }]),
        ),
        ...resolveConfig(options.config, providers),
      },
      // Adapters must not read real keys or base URLs from the environment in offline mode.
      { env: {}, ...options.factoryOptions },
    );
    return handle(factory, 'fake', providers, fake, owned);
  } catch (error) {
    if (owned) await fake.close();
    throw error;
  }
}

function resolveConfig(
  config: AppFactoryOptions['config'],
  providers: readonly string[],
): AppConfig {
  if (config === undefined) return {};
  return typeof config === 'function' ? config(providers) : config;
}

function handle(
  factory: ProviderFactory,
  mode: 'fake' | 'real',
  providers: string[],
  fake: FakeProviders | undefined,
  ownsFake: boolean,
): AppFactory {
  let closing: Promise<void> | undefined;
  return {
    factory,
    mode,
    providers,
    fake,
    describe: () =>
      mode === 'fake'
        ? `offline: fake providers ${providers.join(', ')} on ${fake?.url} (set OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or GROQ_API_KEY to use real ones)`
        : `real providers found in the environment: ${providers.join(', ')}`,
    close: () =>
      (closing ??= (async () => {
        await factory.close();
        if (ownsFake) await fake?.close();
      })()),
  };
}
