// The router end to end: real adapters (official SDKs) against the fake vendor servers, run by
// the resilience executor, with the router's stats fed by the executor's events. What reaches
// the wire is counted at the fake.
import { createAnthropic } from '@modelmux/anthropic';
import type { ChatRequest, Provider } from '@modelmux/core';
import { createGroq } from '@modelmux/groq';
import { createOpenAI } from '@modelmux/openai';
import { type FallbackExecutor, createFallbackExecutor } from '@modelmux/resilience';
import { type Router, createRouter, createRoutingStats } from '@modelmux/router';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const question: ChatRequest = {
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
  maxTokens: 64,
};

const nameOf = (candidate: Provider | { provider: Provider }) =>
  'generate' in candidate ? candidate.name : candidate.provider.name;

describe('router end to end (real adapters, fake vendors, resilience executor)', () => {
  let fake: FakeProviders;
  let providers: Provider[];
  let executor: FallbackExecutor;
  let router: Router;

  beforeAll(async () => {
    fake = await startFakeProviders();
    providers = [
      createOpenAI({
        apiKey: 'sk-e2e-router-openai-0123456789',
        baseURL: fake.baseURL.openai,
        model: 'gpt-4o-mini',
      }),
      createAnthropic({
        apiKey: 'sk-ant-e2e-router-0123456789',
        baseURL: fake.baseURL.anthropic,
        model: 'claude-haiku-4-5',
        env: {},
      }),
      createGroq({
        apiKey: 'gsk_e2e_router_0123456789',
        baseURL: fake.baseURL.groq,
        model: 'llama-3.3-70b-versatile',
      }),
    ];
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    const stats = createRoutingStats();
    router = createRouter({ providers, strategy: 'cost', stats });
    // The plan's token count is reused by the executor's context check: counted once.
    executor = createFallbackExecutor({ maxRetries: 0, countTokens: router.countTokens });
    stats.attach(executor);
  });
  afterEach(() => executor.dispose());

  async function send(request: ChatRequest = { ...question }) {
    const plan = router.plan(request);
    const result = await executor.generate(plan.candidates, request);
    router.recordResult(plan, result);
    return { plan, result };
  }

  it('cost routing sends the request to the cheapest provider for it, and only there', async () => {
    const { plan, result } = await send();
    expect(plan.candidates.map(nameOf)).toEqual(['openai', 'groq', 'anthropic']);
    expect(result.provider).toBe('openai');
    expect([fake.count('openai'), fake.count('groq'), fake.count('anthropic')]).toEqual([1, 0, 0]);
  });

  it('a provider whose rate-limit headers say its quota is spent is moved back until its reset', async () => {
    fake.rateLimit('openai', { remainingRequests: 0, resetRequestsMs: 60_000 });
    const first = await send();
    expect(first.result.provider).toBe('openai');
    expect(first.result.rateLimit?.remainingRequests).toBe(0);

    const second = await send();
    expect(second.plan.demoted.map((d) => d.name)).toEqual(['openai']);
    expect(second.plan.demoted[0].reason).toMatch(/^rate limit: no requests left until /);
    expect(second.plan.candidates.map(nameOf)).toEqual(['groq', 'anthropic', 'openai']);
    expect(second.result.provider).toBe('groq');
    expect(fake.count('openai')).toBe(1); // no 429 was needed to move away
  });

  it('after a 429 the next plans leave the provider out, with the reason, until its retry-after', async () => {
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const first = await send();
    expect(first.result.provider).toBe('groq'); // the executor fell back
    const second = await send();
    expect(second.plan.excluded).toEqual([
      {
        name: 'openai',
        reason: expect.stringMatching(/^cooling down for \d+ms more after rate_limit$/),
      },
    ]);
    expect(second.result.provider).toBe('groq');
    expect(fake.count('openai')).toBe(1);
  });
});
