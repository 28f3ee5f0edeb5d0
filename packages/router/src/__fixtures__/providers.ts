import type { ChatRequest, ChatResult, Provider } from '@modelmux/core';

/** Options of a test provider. */
export interface TestProviderOptions {
  model: string;
  embeddingModel?: string;
  available?: boolean;
  embed?: boolean;
}

/**
 * A user-implemented Provider (a supported extension point) that answers at once. The router
 * never calls it; the stats tests run it through the real executor.
 */
export function testProvider(name: string, options: TestProviderOptions): Provider {
  const answer = (request: ChatRequest): ChatResult => ({
    text: `answer from ${name}`,
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 3, outputTokens: 3, totalTokens: 6 },
    provider: name,
    model: request.model ?? options.model,
    latencyMs: 1,
    costUsd: 0.001,
  });
  return {
    specificationVersion: 'v1',
    name,
    type: 'test',
    defaultModel: options.model,
    defaultEmbeddingModel: options.embeddingModel,
    generate: async (request) => answer(request) as never,
    async *stream() {
      yield { type: 'text-delta', text: 'hi' };
    },
    ...(options.embed
      ? {
          embed: async (request) => ({
            embeddings: request.input.map(() => [0, 1]),
            usage: { inputTokens: 1 },
            provider: name,
            model: request.model ?? options.embeddingModel ?? '',
            latencyMs: 1,
            costUsd: 0,
          }),
        }
      : {}),
    isAvailable: () => options.available ?? true,
  };
}

/** The four vendors with their catalogue models (prices, quality, typical latency from core). */
export function fourProviders() {
  return {
    openai: testProvider('openai', {
      model: 'gpt-4o-mini',
      embeddingModel: 'text-embedding-3-small',
      embed: true,
    }),
    anthropic: testProvider('anthropic', { model: 'claude-sonnet-4-5' }),
    google: testProvider('google', {
      model: 'gemini-2.5-flash',
      embeddingModel: 'gemini-embedding-001',
      embed: true,
    }),
    groq: testProvider('groq', { model: 'llama-3.3-70b-versatile' }),
  };
}

/** A short chat request. */
export function ask(content: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: 'user', content }], maxTokens: 100, ...extra };
}

/** The provider names of a plan's candidates, in order. */
export function namesOf(candidates: readonly (Provider | { provider: Provider })[]): string[] {
  return candidates.map((c) => ('generate' in c ? c.name : c.provider.name));
}

/** A clock a test moves by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
