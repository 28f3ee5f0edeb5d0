// The sides every HTTP scenario compares, built against one fake upstream: the direct openai SDK
// (the yardstick), modelmux's ProviderFactory, the Vercel AI SDK and LangChain.
import { createOpenAI as createAiSdkOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { createAnthropic } from '@modelmux/anthropic';
import type { StreamEvent } from '@modelmux/core';
import { createGoogle } from '@modelmux/google';
import { createGroq } from '@modelmux/groq';
import { createOpenAI } from '@modelmux/openai';
import { createPooledFetch, type PooledFetch } from '@modelmux/transport';
import { generateText, streamText } from 'ai';
import { ProviderFactory, type ProviderFactoryOptions } from 'modelmux';
import OpenAI from 'openai';
import type { FakeProcess } from './fake-process.js';

export const prompt = 'Say hello in five words.';
export const maxTokens = 32;
const keys = {
  openai: 'sk-bench-0000000000000000',
  anthropic: 'sk-ant-bench-00000000000',
  google: 'AIzaBench000000000000000000000000000000',
  groq: 'gsk_bench_000000000000000000',
};
export const sdkBody = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: prompt }],
  max_tokens: maxTokens,
};

/** The direct openai SDK, retries off (as every side here), with its default fetch or ours. */
export function directSdk(fake: FakeProcess, fetch?: typeof globalThis.fetch): OpenAI {
  return new OpenAI({
    apiKey: keys.openai,
    baseURL: fake.baseURL.openai,
    maxRetries: 0,
    ...(fetch ? { fetch } : {}),
  });
}

/**
 * A ProviderFactory routing by cost over four providers (all at the fake), fallback on, metrics
 * and a daily budget on. gpt-4o-mini is the cheapest of the four models, so cost routing sends
 * every call to openai, as the direct SDK does; the others are its fallbacks.
 */
export function routedFactory(
  fake: FakeProcess,
  options: {
    fetch?: typeof globalThis.fetch;
    maxRetries?: number;
    timeoutMs?: number;
    /** Only these of the four providers (default all). */
    only?: readonly string[];
    breaker?: ProviderFactoryOptions['breaker'];
  } = {},
): ProviderFactory {
  const fetch = options.fetch ? { fetch: options.fetch } : {};
  const common = { env: {}, maxTokens, ...fetch };
  const providers = {
    openai: () =>
      createOpenAI({
        ...common,
        apiKey: keys.openai,
        baseURL: fake.baseURL.openai,
        model: 'gpt-4o-mini',
      }),
    groq: () =>
      createGroq({
        ...common,
        apiKey: keys.groq,
        baseURL: fake.baseURL.groq,
        model: 'llama-3.3-70b-versatile',
      }),
    anthropic: () =>
      createAnthropic({
        ...common,
        apiKey: keys.anthropic,
        baseURL: fake.baseURL.anthropic,
        model: 'claude-haiku-4-5',
      }),
    google: () =>
      createGoogle({
        ...common,
        apiKey: keys.google,
        baseURL: fake.baseURL.google,
        model: 'gemini-2.5-pro',
      }),
  };
  const names = (options.only ?? Object.keys(providers)) as (keyof typeof providers)[];
  return new ProviderFactory(
    {
      routingStrategy: 'cost',
      enableFallback: true,
      dailyCostLimit: 1_000_000,
      maxRetries: options.maxRetries ?? 2,
      timeoutMs: options.timeoutMs ?? 30_000,
      providers: Object.fromEntries(names.map((name) => [name, providers[name]()])),
    },
    {
      seed: 1,
      ...(options.breaker !== undefined && { breaker: options.breaker }),
    },
  );
}

/** The Vercel AI SDK's OpenAI chat model at the fake (openai or groq's OpenAI-compatible path). */
export function aiSdkModel(
  fake: FakeProcess,
  vendor: 'openai' | 'groq' = 'openai',
  timeoutMs?: number,
) {
  // The AI SDK has no per-attempt timeout: a fetch that aborts after `timeoutMs` is how a user
  // bounds each model's attempt, so that ai-fallback can move on.
  const fetch: typeof globalThis.fetch | undefined =
    timeoutMs === undefined
      ? undefined
      : (input, init) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
          return globalThis.fetch(input, { ...init, signal });
        };
  const provider = createAiSdkOpenAI({
    apiKey: keys[vendor],
    ...(fetch ? { fetch } : {}),
    baseURL: vendor === 'openai' ? fake.baseURL.openai : `${fake.baseURL.groq}/openai/v1`,
  });
  return provider.chat(vendor === 'openai' ? 'gpt-4o-mini' : 'llama-3.3-70b-versatile');
}

/** LangChain's ChatOpenAI at the fake, retries off. */
export function langchainModel(
  fake: FakeProcess,
  vendor: 'openai' | 'groq' = 'openai',
  timeoutMs?: number,
): ChatOpenAI {
  return new ChatOpenAI({
    model: vendor === 'openai' ? 'gpt-4o-mini' : 'llama-3.3-70b-versatile',
    apiKey: keys[vendor],
    maxTokens,
    maxRetries: 0,
    ...(timeoutMs !== undefined && { timeout: timeoutMs }),
    configuration: {
      baseURL: vendor === 'openai' ? fake.baseURL.openai : `${fake.baseURL.groq}/openai/v1`,
    },
  });
}

/** One call of each side, by name: what the overhead and throughput scenarios time. */
export interface CallSides {
  calls: Record<string, () => Promise<unknown>>;
  streams: Record<string, (onFirst: () => void) => Promise<unknown>>;
  close(): Promise<void>;
}

/** Builds every side against the fake (the pooled transport's own pool for the `+pool` sides). */
export function buildSides(fake: FakeProcess): CallSides {
  const pools: PooledFetch[] = [createPooledFetch(), createPooledFetch()];
  const sdk = directSdk(fake);
  const sdkPooled = directSdk(fake, pools[0]);
  const routed = routedFactory(fake);
  const routedPooled = routedFactory(fake, { fetch: pools[1] });
  const adapter = createOpenAI({
    apiKey: keys.openai,
    baseURL: fake.baseURL.openai,
    model: 'gpt-4o-mini',
    maxTokens,
    env: {},
  });
  const llm = routed.getProvider();
  const llmPooled = routedPooled.getProvider();
  const aiModel = aiSdkModel(fake);
  const lc = langchainModel(fake);

  const firstText = async (events: AsyncIterable<StreamEvent>, onFirst: () => void) => {
    let first = true;
    for await (const event of events) {
      if (first && event.type === 'text-delta') {
        first = false;
        onFirst();
      }
    }
  };
  return {
    calls: {
      sdk: () => sdk.chat.completions.create(sdkBody),
      'sdk+pool': () => sdkPooled.chat.completions.create(sdkBody),
      'adapter alone': () => adapter.generate({ messages: [{ role: 'user', content: prompt }] }),
      modelmux: () => llm.invoke(prompt),
      'modelmux+pool': () => llmPooled.invoke(prompt),
      'ai-sdk': () =>
        generateText({ model: aiModel, prompt, maxOutputTokens: maxTokens, maxRetries: 0 }),
      langchain: () => lc.invoke(prompt),
    },
    streams: {
      sdk: async (onFirst) => {
        const stream = await sdk.chat.completions.create({
          ...sdkBody,
          stream: true,
          stream_options: { include_usage: true },
        });
        let first = true;
        for await (const chunk of stream) {
          if (first && chunk.choices[0]?.delta.content) {
            first = false;
            onFirst();
          }
        }
      },
      modelmux: (onFirst) => firstText(llm.stream(prompt), onFirst),
      'modelmux+pool': (onFirst) => firstText(llmPooled.stream(prompt), onFirst),
      'ai-sdk': async (onFirst) => {
        const result = streamText({
          model: aiModel,
          prompt,
          maxOutputTokens: maxTokens,
          maxRetries: 0,
        });
        let first = true;
        for await (const text of result.textStream) {
          if (first && text) {
            first = false;
            onFirst();
          }
        }
      },
      langchain: async (onFirst) => {
        let first = true;
        for await (const chunk of await lc.stream(prompt)) {
          if (first && chunk.content) {
            first = false;
            onFirst();
          }
        }
      },
    },
    close: async () => {
      await Promise.all([routed.close(), routedPooled.close()]);
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}
