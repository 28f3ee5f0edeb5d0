import { ChatMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, useFakeFactories } from './__fixtures__/fakes.js';
import { ChatModelmux, modelmuxMetadataOf } from './index.js';

let fake: FakeProviders;
const make = useFakeFactories((f) => (fake = f));

describe('ChatModelmux.invoke', () => {
  test('answers through the factory: content, usage and how it was routed', async () => {
    const model = new ChatModelmux({ factory: make(), model: 'auto', temperature: 0.2 });
    fake.script('openai', [
      {
        reply: {
          text: 'RAG retrieves, then generates.',
          usage: { inputTokens: 40, outputTokens: 7, cachedInputTokens: 32 },
        },
      },
    ]);
    const answer = await model.invoke([
      new SystemMessage('Be brief.'),
      new HumanMessage('What is RAG?'),
    ]);
    expect(answer.content).toBe('RAG retrieves, then generates.');
    expect(answer.usage_metadata).toEqual({
      input_tokens: 40,
      output_tokens: 7,
      total_tokens: 47,
      input_token_details: { cache_read: 32 },
      output_token_details: { reasoning: 0 },
    });
    expect(answer.response_metadata).toMatchObject({
      finish_reason: 'stop',
      modelmux: {
        provider: 'openai',
        model: 'gpt-4.1-mini',
        strategy: 'manual',
        attempts: [{ provider: 'openai', ok: true }],
        cached: false,
      },
    });
    expect(modelmuxMetadataOf(answer)?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(modelmuxMetadataOf(answer)?.costUsd).toBeGreaterThan(0);
    const sent = fake.requests('openai')[0]?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is RAG?' },
      ],
    });
  });

  test('falls back when the primary answers 500: the fallback answers, both counted at the fake', async () => {
    const model = new ChatModelmux({ factory: make() });
    fake.script('openai', [{ status: 500 }]);
    const answer = await model.invoke('What is RAG?');
    expect(modelmuxMetadataOf(answer)).toMatchObject({
      provider: 'anthropic',
      attempts: [
        { provider: 'openai', ok: false, kind: 'server', status: 500 },
        { provider: 'anthropic', ok: true },
      ],
    });
    expect(modelmuxMetadataOf(answer)?.attempts[0]).not.toHaveProperty('error');
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([1, 1]);
  });

  test('batch: one routed call per input, answers in order', async () => {
    const model = new ChatModelmux({ factory: make() });
    const answers = await model.batch(['Question one?', 'Question two?', 'Question three?']);
    expect(answers).toHaveLength(3);
    for (const answer of answers) expect(String(answer.content).length).toBeGreaterThan(0);
    const asked = fake
      .requests('openai')
      .map((r) => (r.body as { messages: { content: string }[] }).messages[0]?.content)
      .sort();
    expect(asked).toEqual(['Question one?', 'Question three?', 'Question two?']);
  });

  test('routing hints (model and call) reach the router; requestId comes back', async () => {
    const factory = make({
      rules: [
        { name: 'vip-to-anthropic', when: { tier: 'vip', tags: ['support'] }, use: 'anthropic' },
      ],
    });
    const model = new ChatModelmux({ factory, modelmux: { metadata: { tier: 'vip' } } });
    const answer = await model.invoke('Hi', {
      modelmux: { requestId: 'req-lc-1', userId: 'u1', tags: ['support'] },
    });
    expect(modelmuxMetadataOf(answer)).toMatchObject({
      requestId: 'req-lc-1',
      provider: 'anthropic',
      rule: 'vip-to-anthropic',
    });
    const plain = await model.invoke('Hi');
    expect(modelmuxMetadataOf(plain)?.provider).toBe('openai');
    // Routing metadata never reaches a vendor.
    expect(JSON.stringify(fake.requests().map((r) => r.body))).not.toMatch(/vip|u1/);
  });
});

describe('model ids', () => {
  test("a provider name pins it: 'anthropic' answers first", async () => {
    const model = new ChatModelmux({ factory: make(), model: 'anthropic' });
    const answer = await model.invoke('Hi');
    expect(modelmuxMetadataOf(answer)?.provider).toBe('anthropic');
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([0, 1]);
  });

  test("'provider/model' pins the provider and sends that model", async () => {
    const model = new ChatModelmux({ factory: make(), model: 'openai/gpt-4o' });
    const answer = await model.invoke('Hi');
    expect(answer.response_metadata['model_name']).toBe('gpt-4o');
    expect(fake.requests('openai')[0]?.body).toMatchObject({ model: 'gpt-4o' });
  });

  test('a strategy name routes with that strategy', async () => {
    const model = new ChatModelmux({ factory: make(), model: 'quality' });
    const answer = await model.invoke('Hi');
    expect(modelmuxMetadataOf(answer)?.strategy).toBe('quality');
  });

  test('an unknown id is a ConfigError naming the id and the valid forms', () => {
    const factory = make();
    expect(() => new ChatModelmux({ factory, model: 'gpt-5' })).toThrow(
      /model: "gpt-5" is not a model id: use 'auto', a strategy \(cost, .*\), a provider \(openai, anthropic\) or 'provider\/model'/,
    );
    expect(() => new ChatModelmux({ factory, model: 'mistral/large' })).toThrow(
      /ModelmuxConfig|model id/,
    );
  });
});

describe('messages', () => {
  test('an image_url data URL goes out as the vendor image part', async () => {
    const model = new ChatModelmux({ factory: make() });
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await model.invoke([
      new HumanMessage({
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
        ],
      }),
    ]);
    const sent = fake.requests('openai')[0]?.body as { messages: { content: unknown }[] };
    expect(sent.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
    ]);
  });

  test('a block or a message it cannot send is a typed error naming it; nothing is sent', async () => {
    const model = new ChatModelmux({ factory: make() });
    await expect(
      model.invoke([
        new HumanMessage({ content: [{ type: 'audio', data: 'AAAA', mimeType: 'audio/wav' }] }),
      ]),
    ).rejects.toMatchObject({
      name: 'ModelmuxInvalidRequestError',
      field: 'messages[0].content[0]',
    });
    await expect(
      model.invoke([new HumanMessage('Hi'), new ChatMessage('A review', 'critic')]),
    ).rejects.toMatchObject({ name: 'ModelmuxInvalidRequestError', field: 'messages[1]' });
    expect(fake.count()).toBe(0);
  });
});
