// The README's example, run. Keep the two in step.
import { describe, expect, test } from 'vitest';
import { fakeProvider } from './__fixtures__/fakes.js';
import {
  createProvider,
  createProviderRegistry,
  defaultCatalogue,
  estimateCost,
  loadConfigFromEnv,
  mergeCatalogue,
  parseConfig,
  predictCost,
  registerProvider,
  toChatRequest,
  type ProviderSettings,
} from './index.js';

const env = {
  OPENAI_API_KEY: 'sk-readme-aaaaaaaaaaaa',
  ANTHROPIC_API_KEY: 'sk-ant-readme-bbbbbbbbbbbb',
};
const createAcmeProvider = (settings: ProviderSettings & { name: string }) =>
  fakeProvider(settings.name, 'acme');

describe('the README example', () => {
  test('runs as documented', () => {
    const request = toChatRequest('Summarise RAG in one sentence.', { maxTokens: 200 });
    const cost = estimateCost('gpt-4o-mini-2024-07-18', {
      inputTokens: 1_200,
      cachedInputTokens: 1_000,
      outputTokens: 150,
    });
    expect(cost).toBeCloseTo((200 * 0.15 + 1_000 * 0.075 + 150 * 0.6) / 1e6, 12);
    expect(predictCost('claude-haiku-4-5', request)).toMatchObject({ maxOutputTokens: 200 });

    const config = parseConfig({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: {
        openai: { apiKey: env.OPENAI_API_KEY },
        anthropic: { apiKey: env.ANTHROPIC_API_KEY },
      },
      dailyCostLimit: 20,
    });
    expect(config.dailyCostLimit).toEqual({ global: 20, perProvider: {} });
    const fromEnv = loadConfigFromEnv(env);
    expect(fromEnv.primaryProvider).toBe(config.primaryProvider);
    expect(fromEnv.fallbackProviders).toEqual(config.fallbackProviders);

    registerProvider('readme-acme', (settings) => createAcmeProvider(settings));
    expect(createProvider('readme-acme').type).toBe('acme');
  });

  test('the catalogue override example', () => {
    const catalogue = mergeCatalogue(defaultCatalogue, {
      'gpt-4o': { inputPerMTok: 2.0 },
      'my-finetune': {
        provider: 'openai',
        inputPerMTok: 3,
        outputPerMTok: 12,
        contextWindow: 128_000,
        maxOutputTokens: 16_384,
        capabilities: {
          tools: true,
          vision: false,
          json: true,
          streaming: true,
          embeddings: false,
        },
        quality: 0.8,
        typicalLatencyMs: 1_500,
      },
    });
    expect(catalogue['gpt-4o']?.inputPerMTok).toBe(2);
    expect(estimateCost('my-finetune', { inputTokens: 1_000_000 }, catalogue)).toBe(3);
  });

  test('the registry example', () => {
    const registry = createProviderRegistry();
    registry.register('acme', (settings) => createAcmeProvider(settings));
    expect(
      registry.create('acme', {
        name: 'acme-eu',
        apiKey: 'k-123456',
        baseURL: 'https://eu.acme.example/v1',
      }).name,
    ).toBe('acme-eu');
    expect(registry.has('acme')).toBe(true);
    expect(registry.types()).toEqual(['acme']);
  });
});
