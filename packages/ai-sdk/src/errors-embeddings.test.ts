// Errors leaving modelmux under `ai`'s default retries (no amplification, counted at the fake),
// secrets kept out of them, and embeddings through embed / embedMany.
import { inspect } from 'node:util';
import { APICallError } from '@ai-sdk/provider';
import { embed, embedMany, generateText, streamText } from 'ai';
import { describe, expect, test, vi } from 'vitest';
import { keys, providersFor, useFakes } from './__fixtures__/fakes.js';
import { createModelmux } from './index.js';

const { fake, make } = useFakes();

describe('no retry amplification', () => {
  // Two providers, one retry each on modelmux's side; both always answer 500.
  const config = () => ({
    primaryProvider: 'openai',
    fallbackProviders: ['anthropic'],
    routingStrategy: 'manual' as const,
    maxRetries: 1,
    providers: providersFor(fake(), ['openai', 'anthropic']),
  });
  const failEverything = () => {
    fake().rules('openai', { failRate: 1, failWith: { status: 500 } });
    fake().rules('anthropic', { failRate: 1, failWith: { status: 500 } });
  };
  const calls = () => ({ openai: fake().count('openai'), anthropic: fake().count('anthropic') });

  test("one failing request sends exactly modelmux's calls under ai's default maxRetries (2)", async () => {
    failEverything();
    // What the config allows, measured on the factory alone.
    await expect(make(config()).getProvider().invoke('Hi')).rejects.toThrow();
    const allowed = calls();
    // Fast failover: openai once, then anthropic (the last candidate) with its one retry.
    expect(allowed).toEqual({ openai: 1, anthropic: 2 });
    fake().reset();
    failEverything();

    const error = await generateText({
      model: createModelmux(make(config()))('auto'),
      prompt: 'Hi',
    }).catch((e: unknown) => e);
    expect(calls()).toEqual(allowed);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      isRetryable: false,
      statusCode: 500,
      data: { name: 'ModelmuxAllProvidersFailedError', provider: 'anthropic', kind: 'server' },
    });
    // No key in the message, the data or anywhere down the cause chain.
    const shown = inspect(error, { depth: 20 });
    for (const key of Object.values(keys)) expect(shown).not.toContain(key);
  });

  test('the same for streamText failing before its first token', async () => {
    failEverything();
    await expect(
      (async () => {
        for await (const _ of make(config()).getProvider().stream('Hi')) void _;
      })(),
    ).rejects.toThrow();
    const allowed = calls();
    fake().reset();
    failEverything();

    let error: unknown;
    const result = streamText({
      model: createModelmux(make(config()))('auto'),
      prompt: 'Hi',
      onError: ({ error: e }) => void (error = e),
    });
    await result.consumeStream();
    expect(calls()).toEqual(allowed);
    expect(error).toMatchObject({ name: 'AI_APICallError', isRetryable: false });
  });
});

describe('other failures', () => {
  test("a budget refusal is modelmux's own (non-retryable, nothing sent), not a provider failure", async () => {
    const factory = make({
      providers: providersFor(fake(), ['openai']),
      costLimitPerRequest: { openai: 0.000_000_1 },
    });
    const error = await generateText({
      model: createModelmux(factory)('auto'),
      prompt: 'Write a very long essay about retrieval augmented generation.',
      maxOutputTokens: 4000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AI_APICallError',
      isRetryable: false,
      // The limit is openai's own (costLimitPerRequest.openai); no call was made.
      url: 'modelmux://openai',
      data: { name: 'ModelmuxBudgetExceededError', kind: 'budget', provider: 'openai' },
    });
    expect(fake().count()).toBe(0);
  });

  test('aborting generateText rejects with the abort and closes the request at the fake', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    fake().script('openai', ['hang']);
    const controller = new AbortController();
    const pending = generateText({
      model: createModelmux(factory)('auto'),
      prompt: 'Hi',
      abortSignal: controller.signal,
    });
    await vi.waitFor(() => expect(fake().count('openai')).toBe(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(fake().requests('openai')[0]?.closedEarly).toBe(true));
    expect(fake().count('openai')).toBe(1);
  });
});

describe('embeddings', () => {
  test("embedMany on 'auto': routed among the providers that embed", async () => {
    const factory = make({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai'],
      providers: providersFor(fake(), ['anthropic', 'openai']),
    });
    const values = ['retrieval augmented generation', 'vector search', 'a cat'];
    const result = await embedMany({ model: createModelmux(factory).embedding('auto'), values });
    expect(result.embeddings).toHaveLength(3);
    expect(result.embeddings[0]).toHaveLength(1536);
    expect(fake().count('anthropic')).toBe(0);
    expect(fake().requests('openai')).toHaveLength(1);
    expect(fake().requests('openai')[0]?.body).toMatchObject({ input: values });
    expect(result.usage.tokens).toBeGreaterThan(0);
    expect(result.providerMetadata?.['modelmux']).toMatchObject({
      provider: 'openai',
      attempts: [{ provider: 'openai', ok: true }],
    });
  });

  test("embed on 'provider/model'", async () => {
    const factory = make({ providers: providersFor(fake(), ['openai', 'google']) });
    const { embedding } = await embed({
      model: createModelmux(factory).embedding('google/gemini-embedding-001'),
      value: 'hello',
    });
    expect(embedding).toHaveLength(3072);
    expect(fake().requests('google')[0]?.path).toContain('gemini-embedding-001');
    expect(fake().count('openai')).toBe(0);
  });
});
