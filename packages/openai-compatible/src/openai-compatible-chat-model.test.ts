import {
  collectStream,
  type ChatRequest,
  type ModelInfo,
  type ProviderError,
} from '@modelmux/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OpenAICompatibleInstanceDefaults } from './build-openai-compatible-request.js';
import { buildOpenAICompatibleRequest } from './build-openai-compatible-request.js';
import type {
  OpenAIChatWireChunk,
  OpenAIChatWireCompletion,
  OpenAIChatWireRequest,
} from './openai-chat-wire.js';
import {
  OpenAICompatibleChatModel,
  placeholderApiKey,
  type OpenAICompatibleChatModelConfig,
} from './openai-compatible-chat-model.js';
import type {
  OpenAICompatibleCallOptions,
  OpenAICompatibleClient,
  OpenAICompatibleClientSettings,
} from './openai-compatible-dialect.js';

const completion: OpenAIChatWireCompletion = {
  model: 'acme-1-001',
  choices: [{ finish_reason: 'stop', message: { content: 'Hello' } }],
  usage: { prompt_tokens: 4, completion_tokens: 1, total_tokens: 5 },
};

/** What the test's client answers. */
interface Behaviour {
  answer: (body: OpenAIChatWireRequest, signal: AbortSignal) => Promise<OpenAIChatWireCompletion>;
  chunks: OpenAIChatWireChunk[];
  models: (signal: AbortSignal) => Promise<unknown>;
  headers: Record<string, string>;
}

/**
 * A client of the wire format over plain functions (this package has no SDK; the adapters test
 * the real SDKs against the fakes), recording what it was sent. Like the SDKs' `APIPromise`, its
 * calls also give the response (headers) through `withResponse()`.
 */
class WireClient implements OpenAICompatibleClient {
  readonly sent: OpenAIChatWireRequest[] = [];
  readonly chat = {
    completions: {
      create: this.create.bind(this) as OpenAICompatibleClient['chat']['completions']['create'],
    },
  };
  readonly models = {
    list: ({ signal }: OpenAICompatibleCallOptions) => this.behaviour.models(signal),
  };

  constructor(
    readonly settings: OpenAICompatibleClientSettings,
    private readonly behaviour: Behaviour,
  ) {}

  private create(
    body: OpenAIChatWireRequest & { stream: boolean },
    { signal }: OpenAICompatibleCallOptions,
  ) {
    this.sent.push(body);
    const chunks = this.behaviour.chunks;
    const data = body.stream
      ? Promise.resolve(
          (async function* () {
            yield* chunks;
          })(),
        )
      : this.behaviour.answer(body, signal);
    const response = { headers: new Headers(this.behaviour.headers) };
    return Object.assign(data, {
      withResponse: async () => ({ data: await data, response }),
    });
  }
}

/** The smallest vendor: a dialect over the plain client. */
function acme(
  config: Partial<OpenAICompatibleChatModelConfig>,
  behaviour: Partial<Behaviour> = {},
  requestsStreamUsage = false,
) {
  const clients: WireClient[] = [];
  const model = new OpenAICompatibleChatModel<WireClient>(
    {
      name: 'acme',
      apiKey: 'acme-key-0123456789',
      baseURL: 'https://api.acme.test/v1',
      customEndpoint: false,
      model: 'acme-1',
      headers: undefined,
      timeoutMs: undefined,
      temperature: undefined,
      maxTokens: undefined,
      catalogue: undefined,
      fetch: undefined,
      ...config,
    },
    {
      type: 'acme',
      missingKeyHint: 'pass `apiKey` or set ACME_API_KEY',
      requestsStreamUsage,
      errors: { contextLengthMessage: /context/ },
      buildBody: (request: ChatRequest, defaults: OpenAICompatibleInstanceDefaults) =>
        buildOpenAICompatibleRequest(request, { ...defaults, maxTokensField: 'max_tokens' }),
      createClient: (settings) => {
        const client = new WireClient(settings, {
          answer: async () => completion,
          chunks: [],
          models: async () => [],
          headers: {},
          ...behaviour,
        });
        clients.push(client);
        return client;
      },
    },
  );
  return Object.assign(model, { clients });
}

const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };

afterEach(() => {
  vi.useRealTimers();
});

describe('OpenAICompatibleChatModel', () => {
  it('generates through the dialect: the instance defaults in the body, the completion mapped and priced', async () => {
    const model = acme({ temperature: 0.2, maxTokens: 9 });
    const result = await model.generate(hi);
    expect(result).toMatchObject({
      text: 'Hello',
      finishReason: 'stop',
      provider: 'acme',
      model: 'acme-1-001',
      costUsd: undefined,
      usage: { totalTokens: 5 },
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(model.clients[0]?.sent).toEqual([
      {
        model: 'acme-1',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        max_tokens: 9,
        stream: false,
      },
    ]);
  });

  it('prices usage from the configured catalogue', async () => {
    const capabilities = {
      tools: true,
      vision: false,
      json: true,
      streaming: true,
      embeddings: false,
    };
    const info: ModelInfo = {
      id: 'acme-1',
      provider: 'acme',
      inputPerMTok: 1_000_000,
      outputPerMTok: 2_000_000,
      contextWindow: 8192,
      maxOutputTokens: 1024,
      capabilities,
      quality: 0.5,
      typicalLatencyMs: 500,
    };
    const result = await acme({ catalogue: { 'acme-1': info } }).generate(hi);
    expect(result.costUsd).toBe(4 * 1 + 1 * 2);
  });

  it('merges providerOptions by type, then by instance name when it differs', async () => {
    const options = { providerOptions: { acme: { seed: 1, user: 'u' }, 'acme-eu': { seed: 2 } } };
    const plain = acme({});
    await plain.generate({ ...hi, ...options });
    expect(plain.clients[0]?.sent[0]).toMatchObject({ seed: 1, user: 'u' });
    const named = acme({ name: 'acme-eu' });
    await named.generate({ ...hi, ...options });
    expect(named.clients[0]?.sent[0]).toMatchObject({ seed: 2, user: 'u' });
  });

  it('makes the client once, on first use', async () => {
    const model = acme({});
    expect(model.clients).toHaveLength(0);
    await model.generate(hi);
    await model.healthCheck();
    await collectStream(model.stream(hi)).catch(() => undefined);
    expect(model.clients).toHaveLength(1);
    expect(model.clients[0]?.settings.apiKey).toBe('acme-key-0123456789');
  });

  it('without a key for the vendor itself is unavailable and fails with kind auth before making a client', async () => {
    const model = acme({ apiKey: undefined });
    expect(model.isAvailable()).toBe(false);
    const error = await model.generate(hi).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'auth',
      isRetryable: false,
      provider: 'acme',
      model: 'acme-1',
      message: 'acme/acme-1 auth: no API key; pass `apiKey` or set ACME_API_KEY',
    });
    expect(
      (await collectStream(model.stream(hi)).catch((e: unknown) => e)) as ProviderError,
    ).toMatchObject({ kind: 'auth' });
    expect(await model.healthCheck()).toMatchObject({
      healthy: false,
      model: 'acme-1',
      error: expect.stringContaining('ACME_API_KEY'),
    });
    expect(model.clients).toEqual([]);
  });

  it('gives a custom endpoint without a key the placeholder key', async () => {
    const model = acme({ apiKey: undefined, customEndpoint: true });
    expect(model.isAvailable()).toBe(true);
    await model.generate(hi);
    expect(model.clients[0]?.settings.apiKey).toBe(placeholderApiKey);
  });

  it('maps a failure with the call’s context', async () => {
    const model = acme({}, { answer: () => Promise.reject(new SyntaxError('Unexpected token <')) });
    const error = await model.generate({ ...hi, model: 'acme-2' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'server', provider: 'acme', model: 'acme-2' });
  });

  it('times the whole call with timeoutMs (kind timeout), and tells the caller’s abort apart (kind aborted)', async () => {
    vi.useFakeTimers();
    const hang = (_body: OpenAIChatWireRequest, signal: AbortSignal) =>
      new Promise<OpenAIChatWireCompletion>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    const timed = acme({ timeoutMs: 50 }, { answer: hang })
      .generate(hi)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(await timed).toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const aborted = acme({ timeoutMs: 50 }, { answer: hang })
      .generate({ ...hi, signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await aborted).toMatchObject({ kind: 'aborted' });
  });

  it('streams through the dialect’s client, reading the chunks', async () => {
    const chunks: OpenAIChatWireChunk[] = [
      { model: 'acme-1-001', choices: [{ delta: { content: 'Hel' } }] },
      {
        choices: [{ delta: { content: 'lo' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 2, completion_tokens: 1 },
      },
    ];
    const model = acme({ maxTokens: 3 }, { chunks });
    const events = [];
    for await (const event of model.stream(hi)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['text-delta', 'text-delta', 'finish']);
    expect(events.at(-1)).toMatchObject({
      finishReason: 'stop',
      model: 'acme-1-001',
      usage: { totalTokens: 3 },
    });
    expect(model.clients[0]?.sent).toEqual([
      { model: 'acme-1', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 3, stream: true },
    ]);
  });

  it('asks for stream usage only where the vendor needs asking', async () => {
    const model = acme({}, {}, true);
    await collectStream(model.stream(hi)).catch(() => undefined);
    expect(model.clients[0]?.sent[0]).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('puts the vendor’s rate-limit headers on the result and the finish event', async () => {
    const headers = {
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-remaining-tokens': '900',
    };
    const chunks: OpenAIChatWireChunk[] = [
      { choices: [{ delta: { content: 'Hi' }, finish_reason: 'stop' }], usage: {} },
    ];
    const model = acme({}, { headers, chunks });
    expect((await model.generate(hi)).rateLimit).toEqual({
      remainingRequests: 9,
      remainingTokens: 900,
    });
    expect((await collectStream(model.stream(hi))).rateLimit).toEqual({
      remainingRequests: 9,
      remainingTokens: 900,
    });
  });

  it('checks health by listing models, and never throws', async () => {
    expect(await acme({}).healthCheck()).toMatchObject({
      healthy: true,
      model: 'acme-1',
    });
    const down = acme(
      {},
      {
        models: () =>
          Promise.reject(new TypeError('fetch failed', { cause: new Error('socket hang up') })),
      },
    );
    expect(await down.healthCheck()).toMatchObject({
      healthy: false,
      error: expect.stringContaining('connection dropped'),
    });
  });
});
