// Every config option has an effect a test shows, end to end on the fakes.
import { ConfigError, type Provider, specificationVersion, emptyUsage } from '@modelmux/core';
import { createOpenAI } from '@modelmux/openai';
import { describe, expect, test } from 'vitest';
import { AdapterNotInstalledError, ProviderFactory } from '../index.js';
import {
  type FakeProviders,
  keys,
  manualClock,
  providersFor,
  useFakeFactories,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const pair = () => ({
  primaryProvider: 'openai',
  fallbackProviders: ['anthropic'],
  providers: providersFor(fake, ['openai', 'anthropic']),
});

describe('resilience options', () => {
  test('enableFallback: false: a failing primary fails the request, the fallback is never called', async () => {
    const on = make({ ...pair(), maxRetries: 0 });
    fake.script('openai', [{ status: 503 }]);
    expect((await on.getProvider().invoke('Hi')).provider).toBe('anthropic');

    const off = make({ ...pair(), enableFallback: false, maxRetries: 0 });
    fake.reset();
    fake.script('openai', [{ status: 503 }]);
    await expect(off.getProvider().invoke('Hi')).rejects.toThrow(/openai/);
    expect(fake.count('anthropic')).toBe(0);
  });

  test('maxRetries: retries with backoff on the last usable provider', async () => {
    // With another candidate left, a server error moves on at once (resilience's fast failover).
    const failover = make({ ...pair(), maxRetries: 2 });
    fake.script('openai', [{ status: 500 }]);
    expect((await failover.getProvider().invoke('Hi')).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);

    fake.reset();
    const single = make({ providers: providersFor(fake, ['openai']), maxRetries: 2 });
    fake.script('openai', [{ status: 500 }, { status: 500 }]);
    const result = await single.getProvider().invoke('Hi');
    expect(result.provider).toBe('openai');
    expect(fake.count('openai')).toBe(3);
    expect(result.attempts.map((a) => a.ok)).toEqual([false, false, true]);

    fake.reset();
    const none = make({ providers: providersFor(fake, ['openai']), maxRetries: 0 });
    fake.script('openai', [{ status: 500 }]);
    await expect(none.getProvider().invoke('Hi')).rejects.toThrow(/server/);
    expect(fake.count('openai')).toBe(1);
  });

  test('timeoutMs: a hung provider is cut after timeoutMs and the next one answers', async () => {
    const factory = make({ ...pair(), timeoutMs: 150, maxRetries: 0 });
    fake.script('openai', ['hang']);
    const started = Date.now();
    const result = await factory.getProvider().invoke('Hi');
    expect(result.provider).toBe('anthropic');
    expect(result.attempts[0]).toMatchObject({ provider: 'openai', kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => fake.requests('openai')[0]?.closedEarly).toBe(true);
  });
});

describe('budget options', () => {
  test('costLimitPerRequest: a provider whose predicted cost is over its limit is not called', async () => {
    const factory = make({ ...pair(), costLimitPerRequest: { openai: 0.000001 } });
    const result = await factory.getProvider().invoke({
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 1000,
    });
    expect(result.provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(0);
  });

  test('dailyCostLimit: once spent, requests are refused with BudgetExceededError and nothing is sent', async () => {
    const clock = manualClock();
    const factory = make(
      { providers: providersFor(fake, ['openai']), dailyCostLimit: 0.00002 },
      { now: clock.now },
    );
    const llm = factory.getProvider();
    let sent = 0;
    let refused: unknown;
    for (let i = 0; i < 20 && refused === undefined; i++) {
      try {
        await llm.invoke({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 10 });
        sent++;
      } catch (error) {
        refused = error;
      }
    }
    expect(sent).toBeGreaterThan(0);
    expect(refused).toMatchObject({ name: 'ModelmuxBudgetExceededError' });
    expect(fake.count('openai')).toBe(sent);
    const usage = await factory.getUsage();
    const daily = usage.scopes.find((s) => s.period === 'daily');
    expect(daily?.spentUsd).toBeLessThanOrEqual(0.00002);

    clock.advance(24 * 3_600_000); // the next calendar day
    await factory.getUsage();
    await expect(
      llm.invoke({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 10 }),
    ).resolves.toMatchObject({
      provider: 'openai',
    });
  });

  test('rateLimits: a provider at its client-side rpm is skipped before it answers 429', async () => {
    const factory = make({ ...pair(), rateLimits: { openai: { rpm: 1 } } });
    const llm = factory.getProvider();
    expect((await llm.invoke('one')).provider).toBe('openai');
    expect((await llm.invoke('two')).provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);
    expect(factory.getProviderInfo('openai').available).toBe(false);
    expect(factory.getProviderInfo('anthropic').available).toBe(true);
  });
});

describe('more budget options', () => {
  test('streams are charged their finish cost; a stream abandoned early is charged its estimate', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']), dailyCostLimit: 1 });
    const daily = async () => (await factory.getUsage()).scopes.find((s) => s.period === 'daily');
    let cost: number | undefined;
    for await (const event of factory.getProvider().stream('Tell me about RAG'))
      if (event.type === 'finish') cost = event.costUsd;
    expect(cost).toBeGreaterThan(0);
    expect((await daily())?.spentUsd).toBeCloseTo(cost as number, 12);
    expect((await daily())?.reservedUsd).toBe(0);

    for await (const event of factory.getProvider().stream('Tell me a long story')) {
      expect(event.type).toBe('text-delta');
      break;
    }
    // Breaking out closes the provider's stream in the background; the vendor had answered, so
    // the hold is settled with an estimate (the input and the text received), never 0.
    await expect.poll(async () => (await daily())?.reservedUsd).toBe(0);
    const spent = (await daily())?.spentUsd ?? 0;
    expect(spent).toBeGreaterThan(cost as number);
    expect(factory.getProviderMetrics().totalCostUsd).toBeCloseTo(spent, 12);
  });

  test('costLimitPerUser: one user out of budget is refused; another user is still served', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']), costLimitPerUser: 0.00002 });
    const llm = factory.getProvider();
    const ask = (userId: string) =>
      llm.invoke({
        messages: [{ role: 'user', content: 'Hi' }],
        maxTokens: 10,
        metadata: { userId },
      });
    let refused: unknown;
    for (let i = 0; i < 20 && refused === undefined; i++)
      await ask('alice').catch((e: unknown) => (refused = e));
    expect(refused).toMatchObject({
      name: 'ModelmuxBudgetExceededError',
      scope: 'user',
      userId: 'alice',
    });
    await expect(ask('bob')).resolves.toMatchObject({ provider: 'openai' });
  });

  test('monthlyCostLimit: per provider, spent on one means routing moves to the other', async () => {
    const factory = make({
      ...pair(),
      monthlyCostLimit: { perProvider: { openai: 0.00005 } },
    });
    const llm = factory.getProvider();
    const served: string[] = [];
    for (let i = 0; i < 10; i++)
      served.push(
        (await llm.invoke({ messages: [{ role: 'user', content: `Hi ${i}` }], maxTokens: 10 }))
          .provider,
      );
    expect(served[0]).toBe('openai');
    expect(served.at(-1)).toBe('anthropic');
    const monthly = (await factory.getUsage()).scopes.find(
      (s) => s.period === 'monthly' && s.provider === 'openai',
    );
    expect(monthly?.spentUsd).toBeGreaterThan(0);
    expect(monthly?.spentUsd).toBeLessThanOrEqual(0.00005);
  });
});

describe('provider options', () => {
  test('temperature, maxTokens and options are the adapter defaults a request without them gets', async () => {
    const providers = providersFor(fake, ['openai']);
    const factory = make({
      providers: {
        openai: {
          ...providers['openai'],
          temperature: 0.3,
          maxTokens: 77,
          options: { maxTokensField: 'max_tokens' },
        },
      },
    });
    await factory.getProvider().invoke('Hi');
    expect(fake.requests('openai')[0]?.body).toMatchObject({ temperature: 0.3, max_tokens: 77 });
    await factory.getProvider().invoke('Hi', { temperature: 0, maxTokens: 5 });
    expect(fake.requests('openai')[1]?.body).toMatchObject({ temperature: 0, max_tokens: 5 });
  });

  test('embeddingModel is the model embed sends; weight shares traffic under weighted routing', async () => {
    const providers = providersFor(fake, ['openai', 'groq']);
    const factory = make({
      routingStrategy: 'weighted',
      providers: {
        openai: { ...providers['openai'], embeddingModel: 'text-embedding-3-large', weight: 0 },
        groq: { ...providers['groq'], weight: 1 },
      },
    });
    await factory.getProvider().embed(['a']);
    expect(fake.requests('openai')[0]?.body).toMatchObject({ model: 'text-embedding-3-large' });
    for (let i = 0; i < 6; i++) await factory.getProvider().invoke(`Hi ${i}`);
    expect(fake.count('groq')).toBe(6); // weight 0: only when nothing else is left
  });

  test('model, enabled: false and headers reach (or keep away from) the wire', async () => {
    const providers = providersFor(fake, ['openai', 'anthropic']);
    const factory = make({
      providers: {
        openai: { ...providers['openai'], model: 'gpt-4.1-mini', headers: { 'x-team': 'search' } },
        anthropic: { ...providers['anthropic'], enabled: false },
      },
    });
    expect(factory.listProviders()).toEqual(['openai']);
    await factory.getProvider().invoke('Hi');
    const sent = fake.requests('openai')[0];
    expect(sent?.body).toMatchObject({ model: 'gpt-4.1-mini' });
    expect(sent?.headers['x-team']).toBe('search');
    expect(fake.count('anthropic')).toBe(0);
  });

  test('adapter instances and plain settings mix in one config', async () => {
    const ollama = createOpenAI({
      name: 'ollama',
      baseURL: fake.baseURL.openai,
      model: 'llama3.2',
    });
    const factory = make({
      primaryProvider: 'ollama',
      providers: { ollama, anthropic: providersFor(fake, ['anthropic'])['anthropic'] },
    });
    expect(factory.getProviderInfo('ollama').type).toBe('openai');
    expect((await factory.getProvider().invoke('Hi')).provider).toBe('ollama');
    expect(fake.requests('openai')[0]?.body).toMatchObject({ model: 'llama3.2' });
  });

  test('a provider the config names but whose package is missing: AdapterNotInstalledError with the npm install hint', async () => {
    const factory = make(
      { primaryProvider: 'google', providers: providersFor(fake, ['google', 'openai']) },
      {
        importPackage: (specifier) =>
          specifier === '@modelmux/google'
            ? Promise.reject(
                Object.assign(new Error(`Cannot find package '${specifier}' imported from x`), {
                  code: 'ERR_MODULE_NOT_FOUND',
                }),
              )
            : import(specifier),
      },
    );
    const error = await factory
      .getProvider('google')
      .invoke('Hi')
      .catch((e: unknown) => e);
    expect(AdapterNotInstalledError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('npm install @modelmux/google');
    expect(fake.count()).toBe(0);
    // The meta-package works with the adapters that are installed.
    expect((await factory.getProvider('openai').invoke('Hi')).provider).toBe('openai');
  });

  test('a type nobody provides is a ConfigError at construction', () => {
    expect(() => new ProviderFactory({ providers: { local: { type: 'llamacpp' } } })).toThrow(
      /providers\.local\.type: no adapter for type "llamacpp"/,
    );
  });
});

describe('routing options', () => {
  test('rules route by metadata; experiments split users and report results with feedback', async () => {
    const factory = make({
      providers: providersFor(fake, ['openai', 'anthropic', 'groq']),
      rules: [{ when: { task: 'classify' }, use: ['groq'] }],
      experiments: [
        { name: 'tone', variants: { A: 'openai', B: 'anthropic' }, split: { A: 50, B: 50 } },
      ],
    });
    const llm = factory.getProvider();
    const classified = await llm.invoke('Spam?', { metadata: { task: 'classify' } });
    expect(classified.provider).toBe('groq');
    expect(classified.rule).toBe('rules[0]'); // the plan's rule, on the result
    // The plan's exclusions, with the router's reasons, on the result too.
    expect(classified.excluded).toEqual([
      { name: 'openai', reason: 'not used by rule "rules[0]" (uses groq)' },
      { name: 'anthropic', reason: 'not used by rule "rules[0]" (uses groq)' },
    ]);

    const seen = new Map<string, string>();
    for (const userId of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']) {
      const result = await llm.invoke('Hello', { metadata: { userId } });
      seen.set(userId, result.provider);
      expect(result.experiment).toEqual({
        name: 'tone',
        variant: result.provider === 'openai' ? 'A' : 'B',
      });
      expect(result.rule).toBeUndefined();
      factory.recordFeedback(result.requestId, 0.5);
      // Sticky: the same user stays in the same variant.
      expect((await llm.invoke('Again', { metadata: { userId } })).provider).toBe(result.provider);
    }
    const results = factory.getExperimentResults()['tone'];
    const total = (results?.['A']?.sampleSize ?? 0) + (results?.['B']?.sampleSize ?? 0);
    expect(total).toBe(16);
    expect(results?.['A']?.provider).toBe('openai');
    const scored = Object.values(results ?? {}).filter((v) => v.sampleSize > 0);
    for (const variant of scored) expect(variant.avgQualityScore).toBeCloseTo(0.5);
  });

  test('registerProvider adds a checked Provider that routing can pin', async () => {
    const factory = make({ providers: providersFor(fake, ['openai']) });
    const echo: Provider = {
      specificationVersion,
      name: 'echo',
      type: 'echo',
      defaultModel: 'echo-1',
      isAvailable: () => true,
      generate: (request) =>
        Promise.resolve({
          text: JSON.stringify(request.messages.at(-1)),
          toolCalls: [],
          finishReason: 'stop',
          usage: emptyUsage(),
          provider: 'echo',
          model: 'echo-1',
          latencyMs: 0,
          costUsd: 0,
        }),
      // eslint-disable-next-line require-yield -- never streams in this test
      async *stream() {
        throw new Error('not used');
      },
    };
    factory.registerProvider('echo', echo);
    expect(factory.listProviders()).toEqual(['openai', 'echo']);
    expect((await factory.getProvider('echo').invoke('ping')).text).toContain('ping');
    expect(() => factory.registerProvider('bad', { name: 'bad' } as never)).toThrow(ConfigError);
    expect(() => factory.registerProvider('echo', echo)).toThrow(/already configured/);
  });

  test('config errors name the path and never echo a key', () => {
    let error: unknown;
    try {
      new ProviderFactory({
        providers: { openai: { apiKey: keys.openai, maxTokens: -1 } },
        fallbackProviders: ['nobody'],
      });
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('providers.openai.maxTokens');
    expect(message).toContain('fallbackProviders.0');
    expect(message).not.toContain(keys.openai);
  });
});
