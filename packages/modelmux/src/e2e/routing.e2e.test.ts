// The user's design's routing examples, end to end: ProviderFactory over the four real adapters
// against the fake vendors. What reached each vendor is counted at the fake.
import { defaultAnthropicModel } from '@modelmux/anthropic';
import { defaultCatalogue, predictCost } from '@modelmux/core';
import { defaultGoogleModel } from '@modelmux/google';
import { defaultGroqModel } from '@modelmux/groq';
import { defaultOpenAIModel } from '@modelmux/openai';
import { describe, expect, test } from 'vitest';
import {
  type FakeProviders,
  manualClock,
  providersFor,
  question,
  useFakeFactories,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const defaultModels = {
  openai: defaultOpenAIModel,
  anthropic: defaultAnthropicModel,
  google: defaultGoogleModel,
  groq: defaultGroqModel,
} as const;

describe('routing strategies (the design\'s "Routing Strategies")', () => {
  test('cost: the provider cheapest for this request answers, and only it is called', async () => {
    const factory = make({ routingStrategy: 'cost', providers: providersFor(fake) });
    const request = { ...question(), maxTokens: 200 };
    // The expectation, computed independently from the catalogue.
    const cheapest = Object.entries(defaultModels)
      .map(([name, model]) => ({
        name,
        usd: predictCost(model, request, defaultCatalogue)?.maxUsd ?? Infinity,
      }))
      .sort((a, b) => a.usd - b.usd)[0]?.name;

    const result = await factory.getProvider().invoke(request);

    expect(result.provider).toBe(cheapest);
    expect(result.strategy).toBe('cost');
    expect(fake.count(cheapest as 'openai')).toBe(1);
    expect(fake.count()).toBe(1);
    expect(factory.getCheapestProvider().name).toBe(cheapest);
  });

  test('cost: a free tier (catalogue price 0, as the design prices Groq) wins', async () => {
    const factory = make({
      routingStrategy: 'cost',
      providers: providersFor(fake),
      catalogue: { [defaultGroqModel]: { inputPerMTok: 0, outputPerMTok: 0 } },
    });
    const llm = factory.getProvider();
    expect(llm.name).toBe('groq'); // "Will select Groq (free) if available"
    const result = await llm.invoke('What is RAG?');
    expect(result.provider).toBe('groq');
    expect(result.costUsd).toBe(0);
    expect(fake.count('groq')).toBe(1);
  });

  test("latency: before any observation the catalogue's fastest (Groq) answers", async () => {
    const factory = make({ routingStrategy: 'latency', providers: providersFor(fake) });
    expect(factory.getProvider().name).toBe('groq');
    const result = await factory.getProvider().invoke('Hi');
    expect(result.provider).toBe('groq');
    expect(factory.getFastestProvider().name).toBe('groq');
  });

  test('latency: observed latency moves routing away from a provider that became slow', async () => {
    const factory = make({
      routingStrategy: 'latency',
      providers: providersFor(fake, ['openai', 'groq']),
    });
    fake.rules('groq', { latencyMs: 250 });
    for (let i = 0; i < 2; i++) {
      await factory.getProvider('groq').invoke(`slow ${i}`);
      await factory.getProvider('openai').invoke(`fast ${i}`);
    }
    expect(factory.getFastestProvider().name).toBe('openai');
    expect((await factory.getProvider().invoke('Which is fastest?')).provider).toBe('openai');
  });

  test('quality: the highest-scored provider (Anthropic) answers; a config quality overrides it', async () => {
    const factory = make({ routingStrategy: 'quality', providers: providersFor(fake) });
    expect((await factory.getProvider().invoke('Hi')).provider).toBe('anthropic');
    expect(factory.getBestQualityProvider().name).toBe('anthropic');

    const providers = providersFor(fake);
    const tuned = make({
      routingStrategy: 'quality',
      providers: { ...providers, google: { ...providers['google'], quality: 0.99 } },
    });
    expect((await tuned.getProvider().invoke('Hi')).provider).toBe('google');
  });

  test('complexity: the class is on the result; simple goes to the cheapest, complex to the best', async () => {
    const factory = make({ routingStrategy: 'complexity', providers: providersFor(fake) });
    const llm = factory.getProvider();
    const simple = await llm.invoke('Hi there');
    expect(simple.complexity).toBe('simple');
    const complex = await llm.invoke(
      'Analyze and compare the trade-offs of cost routing and quality routing, then evaluate which fits a support bot.',
    );
    expect(complex.complexity).toBe('complex');
    expect(complex.provider).toBe(factory.getBestQualityProvider().name);
    expect(simple.provider).toBe(factory.getCheapestProvider().name);
  });

  test('manual: always the primary, then the fallbacks in the configured order', async () => {
    const factory = make({
      routingStrategy: 'manual',
      primaryProvider: 'anthropic',
      fallbackProviders: ['google', 'openai'],
      providers: providersFor(fake),
      maxRetries: 0,
    });
    expect((await factory.getProvider().invoke('Hi')).provider).toBe('anthropic');
    fake.script('anthropic', [{ status: 503 }]);
    fake.script('google', [{ status: 503 }]);
    const result = await factory.getProvider().invoke('Hi');
    expect(result.provider).toBe('openai');
    expect(result.attempts.map((a) => [a.provider, a.ok, a.kind])).toEqual([
      ['anthropic', false, 'overloaded'],
      ['google', false, 'overloaded'],
      ['openai', true, undefined],
    ]);
    expect(fake.count('groq')).toBe(0); // not the primary or a fallback
  });

  test('getProvider(name) pins that provider first, with fallback as configured', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
    });
    const pinned = factory.getProvider('anthropic');
    expect(pinned.name).toBe('anthropic');
    expect((await pinned.invoke('Hi')).provider).toBe('anthropic');
    expect(() => factory.getProvider('mistral')).toThrow(/no provider named "mistral"/);
  });
});

describe('fallback (the design\'s "Automatic Fallback")', () => {
  test('a 429 on the primary falls back; the primary is skipped until its retry-after has passed', async () => {
    const clock = manualClock();
    const factory = make(
      {
        primaryProvider: 'openai',
        enableFallback: true,
        fallbackProviders: ['anthropic', 'google'],
        providers: providersFor(fake, ['openai', 'anthropic', 'google']),
      },
      { now: clock.now },
    );
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const llm = factory.getProvider();

    const first = await llm.invoke('What is RAG?');
    expect(first.provider).toBe('anthropic');
    expect(first.attempts[0]).toMatchObject({ provider: 'openai', ok: false, kind: 'rate_limit' });
    expect(fake.count('openai')).toBe(1);

    clock.advance(29_000);
    const second = await llm.invoke('What is RAG?');
    expect(second.provider).toBe('anthropic');
    expect(second.attempts.map((a) => a.provider)).toEqual(['anthropic']);
    expect(fake.count('openai')).toBe(1); // not retried before its retry-after
    expect(factory.getProviderStatus().current).toBe('anthropic');

    clock.advance(1_001);
    const third = await llm.invoke('What is RAG?');
    expect(third.provider).toBe('openai');
    expect(fake.count('openai')).toBe(2);
  });

  test('status after a switch: current is the fallback, the primary says why it is unavailable', async () => {
    const clock = manualClock();
    const factory = make(
      {
        primaryProvider: 'google',
        fallbackProviders: ['anthropic'],
        providers: providersFor(fake, ['google', 'anthropic']),
      },
      { now: clock.now },
    );
    fake.script('google', [{ error: 'quota', retryAfter: 60 }]);
    const response = await factory.generateContent('Classify this email: ...', {
      temperature: 0,
      maxTokens: 512,
    });
    expect(response).toMatchObject({ success: true, providerName: 'anthropic' });
    const status = factory.getProviderStatus();
    expect(status.primary).toEqual({ name: 'google', available: false });
    expect(status.fallbacks).toEqual([{ name: 'anthropic', available: true }]);
    expect(status.current).toBe('anthropic');
    expect(status.providers['google']?.reasons.map((r) => r.code)).toContain('cooling_down');
  });

  test("the executor's typed error when every provider fails", async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 500 }]);
    fake.script('anthropic', [{ status: 500 }]);
    await expect(factory.getProvider().invoke('Hi')).rejects.toMatchObject({
      name: 'ModelmuxAllProvidersFailedError',
    });
  });
});

describe('streams and embeddings are routed too', () => {
  test('stream: text deltas then a finish from the routed provider', async () => {
    const factory = make({ primaryProvider: 'anthropic', providers: providersFor(fake) });
    let text = '';
    let finish: string | undefined;
    for await (const event of factory.getProvider().stream('Explain RAG')) {
      if (event.type === 'text-delta') text += event.text;
      if (event.type === 'finish') finish = event.provider;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toBe('anthropic');
    expect(fake.requests('anthropic')[0]?.body).toMatchObject({ stream: true });
  });

  test('stream: the finish event says how it was routed (requestId, attempts, strategy)', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      routingStrategy: 'manual',
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 500 }]);
    const events = [];
    for await (const event of factory.getProvider().stream('Explain RAG', { requestId: 'req-7' }))
      events.push(event);
    const finish = events.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      provider: 'anthropic',
      requestId: 'req-7',
      strategy: 'manual',
      cached: false,
      attempts: [
        { provider: 'openai', ok: false, kind: 'server', status: 500 },
        { provider: 'anthropic', ok: true },
      ],
    });
    expect(fake.count('openai')).toBe(1);
  });

  test('embed: only providers that embed are planned (Anthropic and Groq cannot)', async () => {
    const factory = make({
      primaryProvider: 'anthropic',
      fallbackProviders: ['groq', 'openai'],
      routingStrategy: 'manual',
      providers: providersFor(fake, ['anthropic', 'groq', 'openai']),
    });
    const result = await factory.getProvider().embed(['a', 'b']);
    expect(result.provider).toBe('openai');
    expect(result.embeddings).toHaveLength(2);
    expect(fake.count('anthropic') + fake.count('groq')).toBe(0);
  });
});
