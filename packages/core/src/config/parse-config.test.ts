import { describe, expect, test } from 'vitest';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { MultiLLMConfigSchema } from './config-schema.js';
import { parseConfigError as errorOf } from '../__fixtures__/config-errors.js';
import { parseConfig } from './parse-config.js';

const openai = { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' };
const two = { openai, anthropic: { apiKey: 'sk-ant-test-bbbbbbbbbbbb' } };

/** The issue at `path` (and fails when there is none). */
function issueAt(input: unknown, path: string): ConfigIssue {
  const error = errorOf(input);
  const issue = error.issues.find((i) => i.path === path);
  expect(issue, `no issue at ${path}; got ${JSON.stringify(error.issues)}`).toBeDefined();
  expect(error.message).toContain(`${path}: `);
  if (!issue) throw new Error(`no issue at ${path}`);
  return issue;
}

describe('parseConfig: valid configs', () => {
  test('fills the defaults', () => {
    expect(parseConfig({ providers: { openai } })).toEqual({
      routingStrategy: 'cost',
      enableFallback: true,
      fallbackProviders: [],
      providers: { openai: { ...openai, type: 'openai', enabled: true } },
      costLimitPerRequest: {},
      timeoutMs: 30_000,
      maxRetries: 2,
      defaultAlerts: true,
      alertIntervalMs: 15_000,
    });
  });

  test("defaults routingStrategy to 'manual' when a primary is named, and keeps an explicit one", () => {
    expect(parseConfig({ providers: two, primaryProvider: 'openai' }).routingStrategy).toBe(
      'manual',
    );
    expect(
      parseConfig({ providers: two, primaryProvider: 'openai', routingStrategy: 'latency' })
        .routingStrategy,
    ).toBe('latency');
  });

  test("accepts the user's full design", () => {
    const config = parseConfig({
      primaryProvider: 'openai',
      routingStrategy: 'cost',
      enableFallback: true,
      fallbackProviders: ['anthropic', 'google', 'groq'],
      providers: {
        openai: {
          apiKey: 'sk-x-aaaaaaaaaa',
          model: 'gpt-4o-mini',
          temperature: 0.1,
          maxTokens: 2000,
        },
        anthropic: {
          apiKey: 'k',
          model: 'claude-sonnet-4-5',
          temperature: 0.1,
          maxTokens: 2000,
          weight: 2,
          quality: 0.9,
        },
        google: {
          apiKey: 'k',
          model: 'gemini-2.5-flash',
          embeddingModel: 'gemini-embedding-001',
          timeoutMs: 20_000,
        },
        groq: { apiKey: 'k', model: 'llama-3.3-70b-versatile', headers: { 'x-team': 'search' } },
        ollama: {
          type: 'openai',
          baseURL: 'http://127.0.0.1:11434/v1',
          model: 'llama3.2',
          enabled: false,
          options: { keepAlive: '5m' },
        },
      },
      costLimitPerRequest: { openai: 0.1, anthropic: 0.12, google: 0.08, groq: 0.05 },
      dailyCostLimit: { global: 100, perProvider: { openai: 50, anthropic: 60 } },
      monthlyCostLimit: 1_000,
      timeoutMs: 30_000,
      maxRetries: 3,
      catalogue: { 'gpt-4o-mini': { inputPerMTok: 0.1 } },
    });
    expect(config.providers['ollama']).toMatchObject({ type: 'openai', enabled: false });
    expect(config.providers['groq'].type).toBe('groq');
    expect(config.dailyCostLimit).toEqual({
      global: 100,
      perProvider: { openai: 50, anthropic: 60 },
    });
    expect(config.monthlyCostLimit).toEqual({ global: 1_000, perProvider: {} });
    expect(config.catalogue).toEqual({ 'gpt-4o-mini': { inputPerMTok: 0.1 } });
  });

  test('normalises a cost limit given only per provider', () => {
    expect(
      parseConfig({ providers: { openai }, dailyCostLimit: { perProvider: { openai: 5 } } })
        .dailyCostLimit,
    ).toEqual({ global: undefined, perProvider: { openai: 5 } });
  });

  test('the schema itself runs the cross-field checks', () => {
    const result = MultiLLMConfigSchema.safeParse({
      providers: { openai },
      primaryProvider: 'groq',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['primaryProvider']);
  });
});

describe('parseConfig: field errors name the path', () => {
  test.each([
    [
      { providers: { openai: { ...openai, maxTokens: 0 } } },
      'providers.openai.maxTokens',
      /whole number of output tokens ≥ 1.*received 0/,
    ],
    [
      { providers: { openai: { ...openai, maxTokens: 1.5 } } },
      'providers.openai.maxTokens',
      /whole number/,
    ],
    [
      { providers: { openai: { ...openai, maxTokens: '100' } } },
      'providers.openai.maxTokens',
      /received a string/,
    ],
    [
      { providers: { openai: { ...openai, temperature: 3 } } },
      'providers.openai.temperature',
      /from 0 to 2.*received 3/,
    ],
    [
      { providers: { openai: { ...openai, quality: 1.5 } } },
      'providers.openai.quality',
      /from 0 to 1/,
    ],
    [{ providers: { openai: { ...openai, weight: -1 } } }, 'providers.openai.weight', /≥ 0/],
    [
      { providers: { openai: { ...openai, timeoutMs: 0 } } },
      'providers.openai.timeoutMs',
      /milliseconds ≥ 1/,
    ],
    [
      { providers: { openai: { ...openai, baseURL: 'localhost:11434' } } },
      'providers.openai.baseURL',
      /http\(s\) URL/,
    ],
    [
      { providers: { openai: { ...openai, baseURL: 'ftp://example.com' } } },
      'providers.openai.baseURL',
      /http\(s\) URL/,
    ],
    [{ providers: { openai: { ...openai, model: '' } } }, 'providers.openai.model', /non-empty/],
    [
      { providers: { openai: { ...openai, enabled: 'yes' } } },
      'providers.openai.enabled',
      /true or false/,
    ],
    [
      { providers: { openai: { ...openai, headers: { 'x-team': 5 } } } },
      'providers.openai.headers.x-team',
      /string header value/,
    ],
    [
      { providers: { openai: { ...openai, headers: { 'x-team': 'a\nInjected: 1' } } } },
      'providers.openai.headers.x-team',
      /not allowed in an HTTP header/,
    ],
    [
      { providers: { openai }, rateLimits: { opneai: { rpm: 10 } } },
      'rateLimits.opneai',
      /unknown provider "opneai" in rateLimits/,
    ],
    [
      { providers: { openai: { ...openai, apikey: 'x' } } },
      'providers.openai.apikey',
      /did you mean "apiKey"/,
    ],
    [
      { providers: { openai }, fallbackProvider: [] },
      'fallbackProvider',
      /did you mean "fallbackProviders"/,
    ],
    [
      { providers: { openai }, routingStrategy: 'cheapest' },
      'routingStrategy',
      /one of 'cost', 'latency', 'quality', 'manual', .*'adaptive'; received "cheapest"/,
    ],
    [{ providers: { openai }, enableFallback: 1 }, 'enableFallback', /true or false/],
    [
      { providers: { openai }, fallbackProviders: 'anthropic' },
      'fallbackProviders',
      /list of provider names/,
    ],
    [{ providers: { openai }, timeoutMs: 2.5 }, 'timeoutMs', /whole number of milliseconds/],
    [
      { providers: { openai }, maxRetries: -1 },
      'maxRetries',
      /whole number of retries ≥ 0.*received -1/,
    ],
    [
      { providers: { openai }, costLimitPerRequest: { openai: -0.01 } },
      'costLimitPerRequest.openai',
      /USD ≥ 0.*received -0.01/,
    ],
    [{ providers: { openai }, dailyCostLimit: -5 }, 'dailyCostLimit', /USD ≥ 0.*received -5/],
    [{ providers: { openai }, dailyCostLimit: { global: -1 } }, 'dailyCostLimit.global', /USD ≥ 0/],
    [
      { providers: { openai }, monthlyCostLimit: { perProvider: { openai: -2 } } },
      'monthlyCostLimit.perProvider.openai',
      /USD ≥ 0/,
    ],
    [
      { providers: { openai }, monthlyCostLimit: 'lots' },
      'monthlyCostLimit',
      /number \(global\) or \{ global/,
    ],
    [
      { providers: { openai }, dailyCostLimit: { globl: 3 } },
      'dailyCostLimit.globl',
      /did you mean "global"/,
    ],
    [
      { providers: { openai }, catalogue: { 'gpt-4o': { outputPerMTok: -3 } } },
      'catalogue.gpt-4o.outputPerMTok',
      /USD ≥ 0/,
    ],
    [
      { providers: { openai }, catalogue: { 'acme-1': { provider: 'acme' } } },
      'catalogue.acme-1',
      /complete entry; missing: inputPerMTok/,
    ],
  ])('%j → %s', (input, path, message) => {
    expect(issueAt(input, path).message).toMatch(message);
  });

  test('a non-object config', () => {
    expect(errorOf(null).issues).toEqual([
      { path: '', message: expect.stringMatching(/expected a config object/) },
    ]);
    expect(errorOf('openai').issues[0].path).toBe('');
  });
});

describe('parseConfig: cross-field errors name the path', () => {
  test('an unknown provider in fallbackProviders', () => {
    expect(
      issueAt(
        { providers: two, fallbackProviders: ['anthropic', 'mistral'] },
        'fallbackProviders.1',
      ).message,
    ).toMatch(/unknown provider "mistral".*configured: openai, anthropic/);
  });

  test('a primaryProvider that is not configured', () => {
    expect(
      issueAt({ providers: two, primaryProvider: 'google' }, 'primaryProvider').message,
    ).toMatch(/"google" is not configured/);
  });

  test('the primary listed in its own fallbacks', () => {
    expect(
      issueAt(
        { providers: two, primaryProvider: 'openai', fallbackProviders: ['anthropic', 'openai'] },
        'fallbackProviders.1',
      ).message,
    ).toMatch(/is the primaryProvider/);
  });

  test('a duplicate fallback', () => {
    const error = errorOf({ providers: two, fallbackProviders: ['anthropic', 'anthropic'] });
    expect(error.issues).toEqual([
      { path: 'fallbackProviders.1', message: expect.stringMatching(/listed twice/) },
    ]);
  });

  test("routingStrategy 'manual' without a primary", () => {
    expect(
      issueAt({ providers: two, routingStrategy: 'manual' }, 'primaryProvider').message,
    ).toMatch(/required when routingStrategy is 'manual'/);
  });

  test.each([
    [{ costLimitPerRequest: { mistral: 0.1 } }, 'costLimitPerRequest.mistral'],
    [{ dailyCostLimit: { perProvider: { mistral: 10 } } }, 'dailyCostLimit.perProvider.mistral'],
    [
      { monthlyCostLimit: { perProvider: { mistral: 10 } } },
      'monthlyCostLimit.perProvider.mistral',
    ],
  ])('a cost limit for an unknown provider %j', (limits, path) => {
    expect(issueAt({ providers: two, ...limits }, path).message).toMatch(
      /unknown provider "mistral"/,
    );
  });

  test('a provider whose name is not a built-in type needs a type', () => {
    expect(
      issueAt(
        { providers: { ollama: { baseURL: 'http://127.0.0.1:11434/v1' } } },
        'providers.ollama.type',
      ).message,
    ).toMatch(/type: 'openai'/);
    expect(
      parseConfig({
        providers: { ollama: { type: 'openai', baseURL: 'http://127.0.0.1:11434/v1' } },
      }).providers['ollama'].type,
    ).toBe('openai');
  });

  test('badly formed provider names', () => {
    expect(
      issueAt({ providers: { 'Open AI': { type: 'openai' } } }, 'providers.Open AI').message,
    ).toMatch(/lowercase letters/);
  });

  test('no provider at all', () => {
    expect(issueAt({}, 'providers').message).toMatch(/no provider configured/);
    expect(issueAt({ providers: {} }, 'providers').message).toMatch(/no provider configured/);
  });

  test('provider types that no adapter is registered for, when the caller lists the registered types', () => {
    const input = {
      providers: { openai, ollama: { type: 'ollama-native', baseURL: 'http://127.0.0.1:11434' } },
    };
    expect(parseConfig(input).providers['ollama'].type).toBe('ollama-native');
    const error = errorOf(input, { providerTypes: ['openai', 'anthropic'] });
    expect(error.issues).toEqual([
      {
        path: 'providers.ollama.type',
        message: expect.stringMatching(
          /no adapter is registered for type "ollama-native" \(registered: openai, anthropic\)/,
        ),
      },
    ]);
  });

  test('reports field and cross-field problems together', () => {
    const error = errorOf({
      providers: { openai: { ...openai, temperature: 9 } },
      routingStrategy: 'fast',
      fallbackProviders: ['groq'],
      costLimitPerRequest: { x: 1 },
    });
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'costLimitPerRequest.x',
      'fallbackProviders.0',
      'providers.openai.temperature',
      'routingStrategy',
    ]);
  });
});

describe('parseConfig never echoes an API key', () => {
  const secret = 'zz-live-7f3a9c1e5b2d4f6a8c0e';

  function everything(error: ConfigError): string {
    return JSON.stringify({
      message: error.message,
      issues: error.issues,
      stack: error.stack,
      own: { ...error },
    });
  }

  test('in errors about other fields', () => {
    const error = errorOf({
      providers: { openai: { apiKey: secret, temperature: 7 } },
      fallbackProviders: ['nope'],
    });
    expect(error.issues.length).toBe(2);
    expect(everything(error)).not.toContain(secret);
  });

  test('in the error about the key itself', () => {
    const badKey = 'zz-live 7f3a9c1e5b2d4f6a8c0e';
    const error = errorOf({ providers: { openai: { apiKey: badKey } } });
    expect(error.issues).toEqual([
      {
        path: 'providers.openai.apiKey',
        message: expect.stringMatching(/without spaces or line breaks/),
      },
    ]);
    expect(everything(error)).not.toContain(badKey);
    expect(everything(error)).not.toContain('7f3a9c1e5b2d4f6a8c0e');
    expect(
      errorOf({ providers: { openai: { apiKey: 12345678901 } } }).issues[0].message,
    ).not.toContain('12345678901');
  });

  test('even when the key was pasted into another field', () => {
    const error = errorOf({
      providers: { openai: { apiKey: secret } },
      primaryProvider: secret,
      routingStrategy: secret,
    });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['primaryProvider', 'routingStrategy']);
    expect(everything(error)).not.toContain(secret);
  });

  test('nor a header value', () => {
    const token = 'Bearer zz-hdr-0123456789abcdef';
    const error = errorOf({
      providers: { openai: { ...openai, headers: { authorization: token }, maxTokens: -1 } },
      primaryProvider: token,
    });
    expect(everything(error)).not.toContain('zz-hdr-0123456789abcdef');
  });
});
