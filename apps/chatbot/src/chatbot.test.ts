// The chatbot library end to end: the real adapters (official SDKs) through a ProviderFactory,
// against @modelmux/testing's fake vendor servers in this process.
import { type AppFactory, createAppFactory } from '@modelmux/app-rag';
import { ConfigError } from '@modelmux/core';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createChatbot } from './chatbot.js';
import { countMessageTokens } from './memory.js';
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
  createChatbot({ factory: app.factory, output: (text) => out.push(text), ...options });

/** The last chat request a provider received (the body its SDK sent). */
function lastBody(provider: 'openai' | 'anthropic' | 'google' | 'groq') {
  const requests = fake.requests(provider);
  return requests.at(-1)?.body as Record<string, unknown> | undefined;
}

describe('a turn', () => {
  test('streams the answer to the output piece by piece, then one line naming provider, model, routing and cost', async () => {
    const chatbot = bot({ provider: 'openai' });
    fake.script('openai', [{ reply: { text: 'Retrieval augmented generation grounds answers.' } }]);
    const result = await chatbot.handle('What is RAG?');
    expect(result.type).toBe('answer');
    if (result.type !== 'answer') return;
    // Streamed: the answer arrived as several writes, in order.
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
      pinned: 'openai',
      fallbacks: [],
      stopped: false,
    });
    expect(result.turn.costUsd).toBeGreaterThan(0);
    expect(out.join('')).toMatch(
      /↳ openai · gpt-4\.1-mini · pinned openai, then complexity: simple → cost · \d+ ms · \d+\+\d+ tokens · \$0\.\d+ · no fallback/,
    );
    // The vendor got a streamed request carrying the system prompt and the question.
    const body = lastBody('openai');
    expect(body?.stream).toBe(true);
    expect(JSON.stringify(body?.messages)).toContain('What is RAG?');
    expect(JSON.stringify(body?.messages)).toContain('terminal chat');
  });

  test('routes by complexity: a short question to the cheapest, an "explain" request to the best quality', async () => {
    const chatbot = bot();
    const simple = await chatbot.handle('Hi there');
    const complex = await chatbot.handle(
      'Explain and compare the trade-offs of caching LLM answers',
    );
    if (simple.type !== 'answer' || complex.type !== 'answer') throw new Error('no answer');
    expect(simple.turn.complexity).toEqual({ class: 'simple', strategy: 'cost' });
    expect(complex.turn.complexity).toEqual({ class: 'complex', strategy: 'quality' });
    // What routing picked is the cheapest / the best quality of the catalogue, as the factory sees it.
    expect(simple.turn.provider).toBe(app.factory.getCheapestProvider().name);
    expect(complex.turn.provider).toBe(app.factory.getBestQualityProvider().name);
    expect(complex.turn.provider).not.toBe(simple.turn.provider);
    expect(fake.count(complex.turn.provider as 'anthropic')).toBe(1);
  });

  test('remembers the conversation: the second request carries the first question and answer', async () => {
    const chatbot = bot({ provider: 'anthropic' });
    fake.script('anthropic', [{ reply: { text: 'Paris is the capital.' } }]);
    await chatbot.handle('What is the capital of France?');
    await chatbot.handle('And its population?');
    const messages = JSON.stringify(lastBody('anthropic')?.messages);
    expect(messages).toContain('What is the capital of France?');
    expect(messages).toContain('Paris is the capital.');
    expect(messages).toContain('And its population?');
    expect(chatbot.memory.size).toBe(4);
  });

  test('trims memory to the context window: the oldest turns are dropped and not sent', async () => {
    const chatbot = bot({ provider: 'openai', contextWindow: 200, maxTokens: 80 });
    const questions = [
      'First question about apples and their many varieties grown in orchards',
      'Second question about bananas and where bananas grow best in the tropics',
      'Third question about cherries and the seasons when cherries are picked',
      'Fourth question about dates and the deserts where palm trees grow',
    ];
    // Short fixed answers (the fake's default quotes the best-matching earlier sentence).
    fake.script(
      'openai',
      questions.map(() => ({ reply: { text: 'Noted, tell me more.' } })),
    );
    const turns = [];
    for (const q of questions) {
      const result = await chatbot.handle(q);
      if (result.type !== 'answer') throw new Error('no answer');
      turns.push(result.turn);
    }
    expect(turns.some((t) => t.memory.dropped > 0)).toBe(true);
    const sent = JSON.stringify(lastBody('openai')?.messages);
    expect(sent).not.toContain('apples');
    expect(sent).toContain('dates');
    expect(sent).toContain('terminal chat'); // the system prompt is always kept
    // Within the budget (200 − 80 for the answer), plus the last answer added after the fit.
    const lastAnswer = chatbot.memory.messages.at(-1);
    if (!lastAnswer) throw new Error('empty memory');
    expect(chatbot.memory.tokens).toBeLessThanOrEqual(120 + countMessageTokens(lastAnswer));
    expect(chatbot.stats().memory).toMatchObject({
      contextWindow: 200,
      reservedForAnswer: 80,
      budget: 120,
    });
  });

  test('a 429 from the chosen provider falls back, and the turn line says so', async () => {
    const chatbot = bot({ provider: 'openai' });
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const result = await chatbot.handle('Hello');
    if (result.type !== 'answer') throw new Error('no answer');
    expect(result.turn.fallbacks).toEqual(['openai (rate_limit)']);
    expect(result.turn.provider).not.toBe('openai');
    expect(out.join('')).toContain('fallback: openai (rate_limit)');
  });

  test('aborting the signal mid-stream stops the answer (the vendor sees the connection close); the next turn works', async () => {
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
    if (result.type !== 'stopped') return;
    expect(result.turn.text.length).toBeGreaterThan(0);
    expect(result.turn.text).not.toContain('eight');
    expect(out.join('')).toContain('[answer stopped]');
    await vi.waitFor(() => expect(fake.requests('groq').at(-1)?.closedEarly).toBe(true));
    // The part that was shown stays in memory; the bot keeps going.
    expect(chatbot.memory.messages.at(-1)).toEqual({
      role: 'assistant',
      content: result.turn.text,
    });
    const next = await chatbot.handle('Go on');
    expect(next.type).toBe('answer');
    expect(chatbot.stats()).toMatchObject({ turns: 2, stopped: 1 });
  });

  test('when every provider fails the error is shown, the question is not kept, nothing is thrown', async () => {
    const chatbot = bot({ provider: 'openai' });
    for (const p of ['openai', 'anthropic', 'google', 'groq'] as const)
      fake.rules(p, { failRate: 1, failWith: { status: 401 } });
    const result = await chatbot.handle('Hello?');
    expect(result.type).toBe('error');
    expect(out.join('')).toMatch(/✗ All 4 attempt\(s\) failed:[\s\S]*auth \(401\)/);
    expect(chatbot.memory.size).toBe(0);
    expect(chatbot.stats().errors).toBe(1);
    for (const p of ['openai', 'anthropic', 'google', 'groq'] as const) fake.rules(p, undefined);
  });
});

describe('commands', () => {
  test('/providers lists every provider with its model and context window', async () => {
    const result = await bot().handle('/providers');
    expect(result).toEqual({ type: 'command', command: '/providers', ok: true });
    const text = out.join('');
    for (const name of app.factory.listProviders()) {
      expect(text).toContain(name);
      expect(text).toContain(app.factory.getProviderInfo(name).model);
    }
    expect(text).toContain('200,000'); // claude-haiku-4-5's context window
  });

  test('/use pins a provider (and /use auto unpins); an unknown one is refused and nothing changes', async () => {
    const chatbot = bot();
    expect(await chatbot.handle('/use google')).toMatchObject({ ok: true });
    expect(chatbot.provider).toBe('google');
    const turn = await chatbot.handle('Hello');
    expect(turn.type === 'answer' && turn.turn.provider).toBe('google');
    expect(await chatbot.handle('/use nope')).toMatchObject({ ok: false });
    expect(out.join('')).toContain('unknown provider "nope"; configured: openai, anthropic');
    expect(chatbot.provider).toBe('google');
    await chatbot.handle('/use auto');
    expect(chatbot.provider).toBeUndefined();
  });

  test('/strategy changes the routing of the next turn; an unknown name lists the valid ones', async () => {
    const chatbot = bot();
    expect(await chatbot.handle('/strategy quality')).toMatchObject({ ok: true });
    const turn = await chatbot.handle('Hi');
    if (turn.type !== 'answer') throw new Error('no answer');
    expect(turn.turn.strategy).toBe('quality');
    expect(turn.turn.complexity).toBeUndefined();
    expect(turn.turn.provider).toBe(app.factory.getBestQualityProvider().name);
    expect(await chatbot.handle('/strategy fastest')).toMatchObject({ ok: false });
    expect(out.join('')).toContain('unknown strategy "fastest"; one of cost, latency, quality');
  });

  test('/stats reports turns, cost, memory and the factory metrics per provider', async () => {
    const chatbot = bot({ provider: 'openai' });
    await chatbot.handle('Hello');
    await chatbot.handle('/stats');
    const text = out.join('');
    expect(text).toMatch(/turns 1 \(0 stopped, 0 failed\) · \$0\.\d+/);
    const window = app.factory.getProviderInfo('openai').contextWindow ?? 0;
    expect(text).toContain(
      `of ${window - 512} tokens (context window ${window} − 512 for the answer)`,
    );
    expect(text).toContain('answers by provider: openai 1');
    expect(text).toMatch(/openai\s+1\s+100%/);
  });

  test('/quit, /help, /clear, blank lines and unknown commands', async () => {
    const chatbot = bot();
    expect(await chatbot.handle('   ')).toEqual({ type: 'empty' });
    expect(await chatbot.handle('/quit')).toEqual({ type: 'quit' });
    await chatbot.handle('/help');
    expect(out.join('')).toContain('/strategy <name>');
    await chatbot.handle('Hello');
    await chatbot.handle('/clear');
    expect(chatbot.memory.size).toBe(0);
    expect(await chatbot.handle('/frobnicate')).toMatchObject({ ok: false });
  });

  test('bad options are a ConfigError naming the option', () => {
    expect(() => bot({ provider: 'nope' })).toThrow(ConfigError);
    expect(() => bot({ strategy: 'fastest' })).toThrow(/strategy/);
    // The window must hold the answer and some conversation.
    expect(() => bot({ contextWindow: 150, maxTokens: 80 })).toThrow(
      'contextWindow: must be at least 180 tokens (80 for the answer + 100 for the conversation); received 150',
    );
    expect(() => bot({ contextWindow: 180, maxTokens: 80 }).close()).not.toThrow();
  });
});
