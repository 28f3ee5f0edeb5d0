// generateText through the real `ai` 6 on a real ProviderFactory over the fake vendors: what
// reached the fake, and what the AI SDK reports back (modelId, usage, providerMetadata.modelmux).
import { NoSuchModelError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { describe, expect, test } from 'vitest';
import { providersFor, useFakes } from './__fixtures__/fakes.js';
import { createModelmux } from './index.js';

const { fake, make } = useFakes();

describe('generateText', () => {
  test("'auto' follows the factory's routing; the answer says who answered and how", async () => {
    const factory = make({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai'],
      routingStrategy: 'manual',
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    const modelmux = createModelmux(factory);
    const result = await generateText({
      model: modelmux('auto'),
      system: 'You answer briefly.',
      prompt: 'What is retrieval augmented generation?',
      providerOptions: { modelmux: { requestId: 'req-1', userId: 'u-1', tags: ['docs'] } },
    });
    expect(result.text.length).toBeGreaterThan(0);
    expect(fake().count('openai')).toBe(0);
    const sent = fake().requests('anthropic')[0]?.body as Record<string, unknown>;
    expect(sent['system']).toEqual(expect.stringContaining('You answer briefly.'));
    expect(sent['messages']).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: 'What is retrieval augmented generation?' }],
      },
    ]);
    // Routing metadata never reaches the vendor.
    expect(JSON.stringify(sent)).not.toContain('u-1');
    expect(result.response.modelId).toBe(factory.getProviderInfo('anthropic').model);
    expect(result.response.id).toBe('req-1');
    expect(result.providerMetadata?.['modelmux']).toMatchObject({
      provider: 'anthropic',
      model: factory.getProviderInfo('anthropic').model,
      strategy: 'manual',
      requestId: 'req-1',
      cached: false,
      attempts: [{ provider: 'anthropic', ok: true }],
    });
    expect(typeof result.providerMetadata?.['modelmux']?.['costUsd']).toBe('number');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
  });

  test('a strategy, a provider and provider/model as model ids', async () => {
    const factory = make({
      primaryProvider: 'openai',
      routingStrategy: 'manual',
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    const modelmux = createModelmux(factory);
    const quality = await generateText({ model: modelmux('quality'), prompt: 'Hi' });
    expect(quality.providerMetadata?.['modelmux']?.['strategy']).toBe('quality');
    const pinned = await generateText({ model: modelmux('anthropic'), prompt: 'Hi' });
    expect(pinned.providerMetadata?.['modelmux']?.['provider']).toBe('anthropic');
    const exact = await generateText({ model: modelmux('openai/gpt-4.1-mini'), prompt: 'Hi' });
    expect(exact.response.modelId).toBe('gpt-4.1-mini');
    expect(fake().requests('openai').at(-1)?.body).toMatchObject({ model: 'gpt-4.1-mini' });
  });

  test('an unknown id is NoSuchModelError naming the id and the valid forms', () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const modelmux = createModelmux(factory);
    for (const id of ['gpt-4o', 'mistral/large', 'openai/', ''])
      expect(() => modelmux(id)).toThrow(NoSuchModelError);
    expect(() => modelmux('gpt-4o')).toThrow(
      /no model "gpt-4o": use 'auto'.*routing strategy \(cost, .*\), a provider name \(openai\), or 'provider\/model'/,
    );
    expect(() => modelmux.embedding('cost')).toThrow(/no strategy applies/);
    expect(() => modelmux.imageModel('dall-e')).toThrow(NoSuchModelError);
  });

  test('call settings reach the vendor; those some providers ignore are warnings', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake(), ['openai', 'anthropic']),
    });
    const result = await generateText({
      model: createModelmux(factory)('auto'),
      prompt: 'Name three colours.',
      temperature: 0.3,
      topP: 0.8,
      topK: 40,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      seed: 7,
      stopSequences: ['END'],
      maxOutputTokens: 64,
      headers: { 'x-trace': 'abc' },
      providerOptions: { openai: { user: 'end-user-9' } },
    });
    expect(fake().requests('openai')[0]?.body).toMatchObject({
      temperature: 0.3,
      top_p: 0.8,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      seed: 7,
      stop: ['END'],
      max_tokens: 64,
      user: 'end-user-9',
    });
    expect(fake().requests('openai')[0]?.body).not.toHaveProperty('top_k');
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'unsupported',
          feature: 'topK',
          details: expect.stringContaining('ignored by openai'),
        }),
        expect.objectContaining({
          feature: 'presencePenalty',
          details: expect.stringContaining('anthropic'),
        }),
        expect.objectContaining({ feature: 'seed', details: expect.stringContaining('anthropic') }),
        expect.objectContaining({
          feature: 'headers',
          details: expect.stringContaining('x-trace'),
        }),
      ]),
    );
    expect(result.warnings?.some((w) => 'feature' in w && w.feature === 'temperature')).toBe(false);
  });

  test('topK and seed go to Anthropic and Gemini in their own fields', async () => {
    const factory = make({ providers: providersFor(fake(), ['anthropic', 'google']) });
    const modelmux = createModelmux(factory);
    await generateText({ model: modelmux('anthropic'), prompt: 'Hi', topK: 5 });
    expect(fake().requests('anthropic')[0]?.body).toMatchObject({ top_k: 5 });
    await generateText({ model: modelmux('google'), prompt: 'Hi', topK: 5, seed: 3 });
    expect(fake().requests('google')[0]?.body).toMatchObject({
      generationConfig: { topK: 5, seed: 3 },
    });
  });

  test('an image in the prompt reaches the vendor inline', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await generateText({
      model: createModelmux(factory)('openai'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', image: png, mediaType: 'image/png' },
          ],
        },
      ],
    });
    const body = fake().requests('openai')[0]?.body as { messages: { content: unknown }[] };
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      {
        type: 'image_url',
        image_url: { url: `data:image/png;base64,${png.toString('base64')}` },
      },
    ]);
  });

  test('a PDF is UnsupportedFunctionalityError before anything is sent', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    await expect(
      generateText({
        model: createModelmux(factory)('auto'),
        messages: [
          {
            role: 'user',
            content: [{ type: 'file', data: Buffer.from('%PDF'), mediaType: 'application/pdf' }],
          },
        ],
      }),
    ).rejects.toMatchObject({ name: 'AI_UnsupportedFunctionalityError' });
    expect(fake().count()).toBe(0);
  });

  test('bad providerOptions.modelmux is InvalidArgumentError naming the field; nothing is sent', async () => {
    const factory = make({ providers: providersFor(fake(), ['openai']) });
    const model = createModelmux(factory)('auto');
    await expect(
      generateText({ model, prompt: 'Hi', providerOptions: { modelmux: { strategy: 'fastest' } } }),
    ).rejects.toMatchObject({
      name: 'AI_InvalidArgumentError',
      message: expect.stringContaining('providerOptions.modelmux.strategy must be one of cost'),
    });
    await expect(
      generateText({ model, prompt: 'Hi', providerOptions: { modelmux: { tags: 'a' } } }),
    ).rejects.toMatchObject({ argument: 'providerOptions.modelmux.tags' });
    await expect(
      generateText({ model, prompt: 'Hi', providerOptions: { modelmux: { user: 'x' } } }),
    ).rejects.toThrow(/providerOptions\.modelmux\.user is not an option/);
    expect(fake().count()).toBe(0);
  });
});
