// generateContent (the design's "Basic Usage"), cost per request, provider info and health,
// end to end on the fakes.
import { defaultCatalogue, type ModelInfo } from '@modelmux/core';
import { defaultGoogleModel } from '@modelmux/google';
import { defaultOpenAIModel } from '@modelmux/openai';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, keys, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const twoProviders = () => ({
  primaryProvider: 'google',
  fallbackProviders: ['anthropic'],
  providers: providersFor(fake, ['google', 'anthropic']),
  maxRetries: 0,
});

describe('generateContent', () => {
  test("success: the design's shape, with usage, cost, latency, attempts and the request id", async () => {
    const factory = make(twoProviders());
    const response = await factory.generateContent('Classify this email: ...', {
      temperature: 0,
      maxTokens: 512,
    });
    expect(response).toEqual({
      success: true,
      content: expect.any(String),
      providerName: 'google',
      model: defaultGoogleModel,
      metadata: {
        usage: expect.objectContaining({ inputTokens: expect.any(Number) }),
        costUsd: expect.any(Number),
        latencyMs: expect.any(Number),
        attempts: [expect.objectContaining({ provider: 'google', ok: true })],
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        cached: false,
      },
    });
    expect(response.content.length).toBeGreaterThan(0);
    const sent = fake.requests('google')[0]?.body as {
      generationConfig: Record<string, unknown>;
    };
    expect(sent.generationConfig).toMatchObject({ temperature: 0, maxOutputTokens: 512 });
  });

  test('a system prompt goes first', async () => {
    const factory = make(twoProviders());
    await factory.generateContent('Hi', { system: 'Answer in French.' });
    const body = fake.requests('google')[0]?.body as { systemInstruction?: unknown };
    expect(JSON.stringify(body.systemInstruction)).toContain('Answer in French.');
  });

  test('failure: success false, a redacted error naming each provider, never a throw', async () => {
    const factory = make(twoProviders());
    fake.script('google', [{ error: 'quota' }]);
    fake.script('anthropic', [{ status: 401 }]);
    const response = await factory.generateContent('Hi');
    expect(response).toMatchObject({
      success: false,
      content: '',
      providerName: 'anthropic',
      errorName: 'ModelmuxAllProvidersFailedError',
      metadata: {
        usage: undefined,
        costUsd: undefined,
        attempts: [
          { provider: 'google', ok: false, kind: 'quota_exceeded' },
          { provider: 'anthropic', ok: false, kind: 'auth', status: 401 },
        ],
      },
    });
    expect(response.error).toMatch(/google.*quota_exceeded[\s\S]*anthropic.*auth/);
    for (const key of Object.values(keys)) expect(JSON.stringify(response)).not.toContain(key);
  });

  test('never throws: bad input, an unknown provider and a throwing hook come back as failures', async () => {
    const factory = make({
      ...twoProviders(),
      hooks: {
        beforeRequest: (request) => {
          if (JSON.stringify(request).includes('explode')) throw new Error('hook exploded');
          return request;
        },
      },
    });
    const noMessages = await factory.generateContent([]);
    expect(noMessages).toMatchObject({ success: false, errorName: 'ModelmuxInvalidRequestError' });
    expect(noMessages.error).toContain('messages');
    const invalid = await factory.generateContent('Hi', { temperature: 5 });
    expect(invalid).toMatchObject({ success: false, errorName: 'ModelmuxInvalidRequestError' });
    expect(invalid.error).toContain('temperature');
    const unknown = await factory.generateContent('Hi', { provider: 'mistral' });
    expect(unknown).toMatchObject({ success: false, errorName: 'ModelmuxConfigError' });
    const hook = await factory.generateContent('explode');
    expect(hook).toMatchObject({ success: false, error: 'hook exploded' });
    const notAString = await factory.generateContent(42 as never);
    expect(notAString.success).toBe(false);
    expect(fake.count()).toBe(0);
  });
});

describe('cost per request and provider info (the design\'s "Cost Tracking")', () => {
  test('getRequestCost prices a usage as the result was priced; info gives prices per 1k tokens', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    const llm = factory.getProvider('openai');
    const response = await llm.invoke('What is machine learning?');
    const cost = factory.getRequestCost('openai', response.usage);
    expect(cost).toBeGreaterThan(0);
    expect(cost).toBeCloseTo(response.costUsd as number, 12);

    expect(factory.listProviders()).toEqual(['openai', 'anthropic']);
    const price = defaultCatalogue[defaultOpenAIModel] as ModelInfo;
    const info = factory.getProviderInfo('openai');
    expect(info).toEqual({
      name: 'openai',
      type: 'openai',
      model: defaultOpenAIModel,
      available: true,
      costPer1kInput: price.inputPerMTok / 1000,
      costPer1kOutput: price.outputPerMTok / 1000,
      contextWindow: expect.any(Number),
      quality: expect.any(Number),
      capabilities: expect.objectContaining({ tools: true }),
    });
    expect(factory.getRequestCost('openai', { inputTokens: 1000, outputTokens: 1000 })).toBeCloseTo(
      (price.inputPerMTok + price.outputPerMTok) / 1000,
      12,
    );
    expect(() => factory.getProviderInfo('nope')).toThrow(/no provider named "nope"/);
  });

  test('getProviderMetrics counts the calls, their cost and their tokens', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const a = await factory.getProvider().invoke('one');
    const b = await factory.getProvider().invoke('two');
    const metrics = factory.getProviderMetrics();
    expect(metrics.totalRequests).toBe(2);
    expect(metrics.successRate).toBe(1);
    expect(metrics.totalCostUsd).toBeCloseTo((a.costUsd ?? 0) + (b.costUsd ?? 0), 12);
    expect(metrics.byProvider['openai']?.tokens.input).toBe(
      a.usage.inputTokens + b.usage.inputTokens,
    );
  });
});

describe('health check (the design\'s "Provider Health Checks")', () => {
  test('one provider down: healthy and unhealthy per provider, errors redacted', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    fake.rules('anthropic', { failRate: 1, failWith: { status: 401 } });
    const health = await factory.healthCheck();
    expect(health['openai']).toMatchObject({ status: 'healthy', model: expect.any(String) });
    expect(health['anthropic']).toMatchObject({ status: 'unhealthy', error: expect.any(String) });
    expect(JSON.stringify(health)).not.toContain(keys.anthropic);
  });
});
