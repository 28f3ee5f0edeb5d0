import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatResult } from './chat.js';
import { ProviderError } from './errors/provider-error.js';
import { healthCheckByGenerate } from './health-check-by-generate.js';

/** A provider whose `generate` records its requests and answers, or fails, as told. */
function provider(fail?: unknown) {
  const requests: ChatRequest[] = [];
  return {
    requests,
    defaultModel: 'acme-1',
    async generate<T>(request: ChatRequest<T>): Promise<ChatResult<T>> {
      requests.push(request as ChatRequest);
      if (fail !== undefined) throw fail;
      return {
        text: 'p',
        toolCalls: [],
        finishReason: 'length',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        provider: 'acme',
        model: 'acme-1-001',
        latencyMs: 1,
        costUsd: 0,
      };
    },
  };
}

describe('healthCheckByGenerate', () => {
  it('makes one one-token call to the default model and reports healthy', async () => {
    const acme = provider();
    const result = await healthCheckByGenerate(acme);
    expect(result).toEqual({ healthy: true, latencyMs: expect.any(Number), model: 'acme-1' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(acme.requests).toEqual([
      { messages: [{ role: 'user', content: 'ping' }], maxTokens: 1 },
    ]);
  });

  it("passes the caller's signal on", async () => {
    const acme = provider();
    const { signal } = new AbortController();
    await healthCheckByGenerate(acme, { signal });
    expect(acme.requests[0]?.signal).toBe(signal);
  });

  it("never throws: a failure is unhealthy with the error's message", async () => {
    const error = new ProviderError({
      kind: 'auth',
      provider: 'acme',
      model: 'acme-1',
      message: 'acme auth: invalid key',
    });
    expect(await healthCheckByGenerate(provider(error))).toEqual({
      healthy: false,
      latencyMs: expect.any(Number),
      model: 'acme-1',
      error: 'acme auth: invalid key',
    });
    expect(await healthCheckByGenerate(provider('socket hang up'))).toMatchObject({
      healthy: false,
      error: 'socket hang up',
    });
  });
});
