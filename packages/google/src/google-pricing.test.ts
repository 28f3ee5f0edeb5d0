// Gemini usage and cost through both Google SDKs against the fake's wire format: cached content
// at its rate, thoughts (thoughtsTokenCount, apart from the candidates) billed once as output,
// and Gemini 2.5 Pro's long-context card above 200k prompt tokens.
import { collectStream } from '@modelmux/core';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const hi = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe.each<GoogleSdk>(['genai', 'legacy'])('Gemini pricing through the SDK (%s)', (sdk) => {
  const gemini = () =>
    createGoogle({
      sdk,
      apiKey: 'AIzaSyPricingTestKey_0123456789abcdefgh',
      baseURL: fake.baseURL.google,
      env: {},
      model: 'gemini-2.5-pro',
    });

  it('under 200k: cached content at $0.125, thoughts at the output price', async () => {
    const usage = {
      inputTokens: 100_000,
      cachedInputTokens: 40_000,
      outputTokens: 1_000,
      reasoningTokens: 600,
    };
    fake.script('google', [{ reply: { text: 'ok', usage } }, { reply: { text: 'ok', usage } }]);
    const result = await gemini().generate(hi);
    expect(result.usage).toMatchObject({
      inputTokens: 100_000,
      cachedInputTokens: 40_000,
      outputTokens: 1_000,
      reasoningTokens: 600,
    });
    // 60k × $1.25 + 40k × $0.125 + 1k × $10 per 1M
    expect(result.costUsd).toBe(0.09);
    expect((await collectStream(gemini().stream(hi))).costUsd).toBe(0.09);
  });

  it('above 200k prompt tokens: the whole request at $2.50 / $15', async () => {
    fake.script('google', [
      {
        reply: {
          text: 'ok',
          usage: { inputTokens: 300_000, outputTokens: 2_000, reasoningTokens: 1_500 },
        },
      },
    ]);
    expect((await gemini().generate(hi)).costUsd).toBe(0.78);
  });
});
