import { afterEach, describe, expect, test, vi } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { loadConfigFromEnv } from './load-config-from-env.js';

const keys = {
  OPENAI_API_KEY: 'sk-env-openai-aaaaaaaaaaaa',
  ANTHROPIC_API_KEY: 'sk-ant-env-bbbbbbbbbbbb',
  GOOGLE_API_KEY: 'AIzaSyEnvGoogleCCCCCCCCCCCCCCCCCCCCCC',
  GROQ_API_KEY: 'gsk_envgroqDDDDDDDDDDDD',
};

function errorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfigFromEnv(env);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadConfigFromEnv to throw');
}

describe('loadConfigFromEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('one key: that provider is primary, with no fallbacks', () => {
    const config = loadConfigFromEnv({
      OPENAI_API_KEY: keys.OPENAI_API_KEY,
      OPENAI_MODEL: 'gpt-4o-mini',
      OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    });
    expect(config.primaryProvider).toBe('openai');
    expect(config.fallbackProviders).toEqual([]);
    expect(config.routingStrategy).toBe('manual');
    expect(config.providers).toEqual({
      openai: {
        type: 'openai',
        enabled: true,
        apiKey: keys.OPENAI_API_KEY,
        model: 'gpt-4o-mini',
        embeddingModel: 'text-embedding-3-small',
      },
    });
  });

  test('all four: openai is primary and the rest are fallbacks, in order', () => {
    const config = loadConfigFromEnv({ ...keys });
    expect(config.primaryProvider).toBe('openai');
    expect(config.fallbackProviders).toEqual(['anthropic', 'google', 'groq']);
    expect(Object.keys(config.providers)).toEqual(['openai', 'anthropic', 'google', 'groq']);
  });

  test('the first configured in the order openai, anthropic, google, groq is primary', () => {
    const config = loadConfigFromEnv({
      GROQ_API_KEY: keys.GROQ_API_KEY,
      ANTHROPIC_API_KEY: keys.ANTHROPIC_API_KEY,
    });
    expect(config.primaryProvider).toBe('anthropic');
    expect(config.fallbackProviders).toEqual(['groq']);
  });

  test('reads the Google key from GEMINI_API_KEY when GOOGLE_API_KEY is unset, and prefers GOOGLE_API_KEY', () => {
    expect(
      loadConfigFromEnv({
        GEMINI_API_KEY: 'AIzaSyGeminiEEEEEEEEEEEEEEEEEEEEEEEEE',
        GOOGLE_MODEL: 'gemini-2.5-flash',
      }).providers['google'],
    ).toEqual({
      type: 'google',
      enabled: true,
      apiKey: 'AIzaSyGeminiEEEEEEEEEEEEEEEEEEEEEEEEE',
      model: 'gemini-2.5-flash',
    });
    expect(
      loadConfigFromEnv({
        GEMINI_API_KEY: 'AIzaSyGeminiEEEEEEEEEEEEEEEEEEEEEEEEE',
        GOOGLE_API_KEY: keys.GOOGLE_API_KEY,
      }).providers['google'].apiKey,
    ).toBe(keys.GOOGLE_API_KEY);
  });

  test('a base URL alone configures a provider (a local server needs no key); a model alone does not', () => {
    const config = loadConfigFromEnv({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'llama3.2',
      GROQ_MODEL: 'llama-3.1-8b-instant',
    });
    expect(config.providers).toEqual({
      openai: {
        type: 'openai',
        enabled: true,
        baseURL: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
      },
    });
  });

  test('empty values count as unset', () => {
    const config = loadConfigFromEnv({
      OPENAI_API_KEY: keys.OPENAI_API_KEY,
      ANTHROPIC_API_KEY: '',
      LLM_TIMEOUT_MS: ' ',
      LLM_PRIMARY_PROVIDER: '',
    });
    expect(Object.keys(config.providers)).toEqual(['openai']);
    expect(config.timeoutMs).toBe(30_000);
  });

  test('LLM_PRIMARY_PROVIDER picks the primary; the others become fallbacks', () => {
    const config = loadConfigFromEnv({ ...keys, LLM_PRIMARY_PROVIDER: 'groq' });
    expect(config.primaryProvider).toBe('groq');
    expect(config.fallbackProviders).toEqual(['openai', 'anthropic', 'google']);
  });

  test('LLM_FALLBACK_PROVIDERS is split on commas and trimmed; the primary is the first configured one it does not list', () => {
    const config = loadConfigFromEnv({ ...keys, LLM_FALLBACK_PROVIDERS: ' groq , openai,, ' });
    expect(config.fallbackProviders).toEqual(['groq', 'openai']);
    expect(config.primaryProvider).toBe('anthropic');
  });

  test('reads the routing strategy, numbers, booleans and cost limits', () => {
    const config = loadConfigFromEnv({
      ...keys,
      LLM_ROUTING_STRATEGY: 'latency',
      LLM_TIMEOUT_MS: '45000',
      LLM_MAX_RETRIES: '0',
      LLM_ENABLE_FALLBACK: 'false',
      LLM_DAILY_COST_LIMIT: '25',
      LLM_MONTHLY_COST_LIMIT: '300.50',
    });
    expect(config).toMatchObject({
      routingStrategy: 'latency',
      timeoutMs: 45_000,
      maxRetries: 0,
      enableFallback: false,
    });
    expect(config.dailyCostLimit).toEqual({ global: 25, perProvider: {} });
    expect(config.monthlyCostLimit).toEqual({ global: 300.5, perProvider: {} });
  });

  test.each([
    ['LLM_TIMEOUT_MS', 'abc'],
    ['LLM_TIMEOUT_MS', '30s'],
    ['LLM_TIMEOUT_MS', '0'],
    ['LLM_TIMEOUT_MS', '1.5'],
    ['LLM_MAX_RETRIES', '-1'],
    ['LLM_MAX_RETRIES', 'three'],
    ['LLM_DAILY_COST_LIMIT', 'ten'],
    ['LLM_MONTHLY_COST_LIMIT', '-5'],
    ['LLM_ENABLE_FALLBACK', 'maybe'],
  ])('%s=%s is a ConfigError naming the variable', (name, value) => {
    const error = errorOf({ ...keys, [name]: value });
    expect(error.issues).toEqual([
      { path: name, message: expect.stringContaining(`got ${JSON.stringify(value)}`) },
    ]);
    expect(error.message).toContain(name);
  });

  test('reports every bad number at once', () => {
    expect(
      errorOf({ ...keys, LLM_TIMEOUT_MS: 'x', LLM_MAX_RETRIES: 'y' }).issues.map((i) => i.path),
    ).toEqual(['LLM_TIMEOUT_MS', 'LLM_MAX_RETRIES']);
  });

  test('no provider at all names the variables to set', () => {
    expect(errorOf({ OPENAI_MODEL: 'gpt-4o' }).issues).toEqual([
      { path: 'providers', message: expect.stringMatching(/OPENAI_API_KEY.*GEMINI_API_KEY/) },
    ]);
  });

  test.each([
    [
      { LLM_PRIMARY_PROVIDER: 'mistral' },
      'LLM_PRIMARY_PROVIDER',
      /"mistral" is not configured.*config path primaryProvider/,
    ],
    [
      { LLM_FALLBACK_PROVIDERS: 'anthropic,mistral' },
      'LLM_FALLBACK_PROVIDERS',
      /unknown provider "mistral".*config path fallbackProviders.1/,
    ],
    [{ LLM_ROUTING_STRATEGY: 'fastest' }, 'LLM_ROUTING_STRATEGY', /one of 'cost'/],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL', /http\(s\) URL/],
    [{ GEMINI_API_KEY: 'AIza with space' }, 'GEMINI_API_KEY', /without spaces/],
  ])('a config problem from %j names %s', (extra, name, message) => {
    const env = {
      OPENAI_API_KEY: keys.OPENAI_API_KEY,
      ANTHROPIC_API_KEY: keys.ANTHROPIC_API_KEY,
      ...extra,
    };
    const error = errorOf(env);
    expect(error.issues).toEqual([{ path: name, message: expect.stringMatching(message) }]);
  });

  test('never puts a key in the error', () => {
    const badKey = 'custom key with spaces 123';
    const fromConfig = errorOf({
      ...keys,
      OPENAI_API_KEY: badKey,
      LLM_PRIMARY_PROVIDER: 'mistral',
    });
    expect(fromConfig.issues.map((i) => i.path).sort()).toEqual([
      'LLM_PRIMARY_PROVIDER',
      'OPENAI_API_KEY',
    ]);
    const fromEnv = errorOf({ ...keys, LLM_TIMEOUT_MS: 'soon' });
    for (const error of [fromConfig, fromEnv]) {
      const text = JSON.stringify({ message: error.message, issues: error.issues });
      for (const value of [...Object.values(keys), badKey]) expect(text).not.toContain(value);
    }
  });

  test('reads process.env by default', () => {
    for (const name of [
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_BASE_URL',
      'GOOGLE_API_KEY',
      'GEMINI_API_KEY',
      'GOOGLE_BASE_URL',
      'GROQ_API_KEY',
      'GROQ_BASE_URL',
    ]) {
      vi.stubEnv(name, '');
    }
    for (const name of [
      'LLM_PRIMARY_PROVIDER',
      'LLM_FALLBACK_PROVIDERS',
      'LLM_ROUTING_STRATEGY',
      'LLM_TIMEOUT_MS',
      'LLM_MAX_RETRIES',
      'LLM_ENABLE_FALLBACK',
      'LLM_DAILY_COST_LIMIT',
      'LLM_MONTHLY_COST_LIMIT',
    ]) {
      vi.stubEnv(name, '');
    }
    vi.stubEnv('GROQ_API_KEY', keys.GROQ_API_KEY);
    vi.stubEnv('LLM_MAX_RETRIES', '5');
    const config = loadConfigFromEnv();
    expect(config.primaryProvider).toBe('groq');
    expect(config.maxRetries).toBe(5);
  });
});
