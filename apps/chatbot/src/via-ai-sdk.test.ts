// The chatbot on the Vercel AI SDK drop-in (`via: 'ai-sdk'`, the CLI's `--via ai-sdk`): the same
// turns through `streamText` on @modelmux/ai-sdk, against the fake vendors.
import { type AppFactory, createAppFactory } from '@modelmux/app-rag';
import { ConfigError } from '@modelmux/core';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createChatbot } from './chatbot.js';
import type { ChatbotOptions } from './chatbot-types.js';

let fake: FakeProviders;
let app: AppFactory;
let out: string[];

beforeAll(async () => {
  fake = await startFakeProviders();
});
beforeEach(async () => {
  app = await createAppFactory({
    mode: 'fake',
    fake,
    factoryOptions: { backoff: { baseDelayMs: 1, maxDelayMs: 2 } },
  });
  out = [];
});
afterEach(async () => {
  await app.close();
  fake.reset();
});
afterAll(() => fake.close());

const bot = (options: Partial<ChatbotOptions> = {}) =>
  createChatbot({
    factory: app.factory,
    output: (text) => out.push(text),
    via: 'ai-sdk',
    ...options,
  });

describe("via: 'ai-sdk'", () => {
  test('streams the answer, then the turn line with provider, model, routing, tokens and cost', async () => {
    const chatbot = bot({ provider: 'openai' });
    fake.script('openai', [{ reply: { text: 'Retrieval augmented generation grounds answers.' } }]);
    const result = await chatbot.handle('What is RAG?');
    if (result.type !== 'answer') throw new Error(`no answer: ${out.join('')}`);
    const answerWrites = out.slice(
      0,
      out.findIndex((t) => t.includes('↳')),
    );
    expect(answerWrites.length).toBeGreaterThan(1);
    expect(answerWrites.join('')).toContain('Retrieval augmented generation grounds answers.');
    expect(result.turn).toMatchObject({
      provider: 'openai',
      model: 'gpt-4.1-mini',
      strategy: 'complexity',
      complexity: { class: 'simple', strategy: 'cost' },
      fallbacks: [],
      stopped: false,
    });
    expect(result.turn.usage.inputTokens).toBeGreaterThan(0);
    expect(result.turn.costUsd).toBeGreaterThan(0);
    const body = fake.requests('openai').at(-1)?.body as Record<string, unknown>;
    expect(body['stream']).toBe(true);
    expect(JSON.stringify(body['messages'])).toContain('terminal chat');
  });

  test('routes by the turn strategy, and a 429 falls back with the turn line saying so', async () => {
    const chatbot = bot({ provider: 'openai' });
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const result = await chatbot.handle('Hello');
    if (result.type !== 'answer') throw new Error('no answer');
    expect(result.turn.fallbacks).toEqual(['openai (rate_limit)']);
    expect(result.turn.provider).not.toBe('openai');
    expect(fake.count('openai')).toBe(1);
  });

  test('an abort mid-answer stops it (the vendor sees the connection close); the next turn works', async () => {
    const chatbot = bot({ provider: 'groq' });
    fake.script('groq', [
      { streamEventDelayMs: 200, reply: { text: 'one two three four five six seven eight' } },
    ]);
    const controller = new AbortController();
    const pending = chatbot.handle('Tell me a story', { signal: controller.signal });
    await vi.waitFor(() => expect(out.join('').length).toBeGreaterThan(0), { timeout: 5_000 });
    controller.abort();
    const result = await pending;
    expect(result.type).toBe('stopped');
    await vi.waitFor(() => expect(fake.requests('groq').at(-1)?.closedEarly).toBe(true));
    expect((await chatbot.handle('Go on')).type).toBe('answer');
  });

  test('when every provider fails the error is shown once (no AI SDK retries), nothing thrown', async () => {
    const chatbot = bot({ provider: 'openai' });
    for (const p of ['openai', 'anthropic', 'google', 'groq'] as const)
      fake.rules(p, { failRate: 1, failWith: { status: 401 } });
    const result = await chatbot.handle('Hello?');
    expect(result.type).toBe('error');
    expect(out.join('')).toMatch(/✗ All 4 attempt\(s\) failed:[\s\S]*auth \(401\)/);
    // One call each: auth is not retried by modelmux, and the AI SDK does not retry on top.
    for (const p of ['openai', 'anthropic', 'google', 'groq'] as const)
      expect(fake.count(p)).toBe(1);
    expect(chatbot.memory.size).toBe(0);
  });

  test('an unknown via is a ConfigError naming the choices', () => {
    expect(() => bot({ via: 'langchain' as never })).toThrow(ConfigError);
    expect(() => bot({ via: 'langchain' as never })).toThrow(/use modelmux or ai-sdk/);
  });
});
