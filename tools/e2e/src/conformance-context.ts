import {
  ProviderError,
  type ChatRequest,
  type ModelCatalogue,
  type Provider,
  type StreamEvent,
} from '@modelmux/core';
import type { FakeProviderName, FakeProviders, FakeStep, RecordedRequest } from '@modelmux/testing';
import { sharedPooledFetch } from '@modelmux/transport';
import { expect } from 'vitest';
import { z } from 'zod';

/** What the suite asks `create` for: the default model, a timeout and a catalogue pricing `priced` models. */
export interface ConformanceSettings {
  model: string;
  timeoutMs?: number;
  catalogue: ModelCatalogue;
  /**
   * Set (to `@modelmux/transport`'s pooled fetch) when the suite runs with
   * `MODELMUX_CONFORMANCE_FETCH=pooled`; `create` passes it on with the other settings.
   */
  fetch?: typeof globalThis.fetch;
}

/**
 * With `MODELMUX_CONFORMANCE_FETCH=pooled` every adapter that takes a `fetch` gets the pooled
 * one, so the whole suite (streams, aborts at the socket, timeouts, errors) checks the transport.
 * `@google/generative-ai` (`sdk: 'legacy'`) always calls the global fetch and refuses one.
 */
function suiteFetch(name: string): Partial<ConformanceSettings> {
  if (process.env['MODELMUX_CONFORMANCE_FETCH'] !== 'pooled' || name.includes('legacy')) return {};
  return { fetch: sharedPooledFetch() };
}

/** How to run the conformance suite against one adapter. */
export interface ConformanceOptions {
  /** The fake server route the adapter speaks to. */
  fake: FakeProviderName;
  /** Creates the provider against the fake (`fake.baseURL[…]`), with the given settings. */
  create(fake: FakeProviders, settings: ConformanceSettings): Provider;
  /** A chat model id the adapter sends as is (also priced by the suite's catalogue). */
  model: string;
  /** The key passed to `create`: the suite checks it never reaches a message or a recorded header. */
  apiKey?: string;
  /**
   * True when the vendor offers embeddings. False: the provider has no `embed` (the contract's
   * optional method is absent, so routers and the type system can see it without a call).
   */
  embeddings: boolean;
  /** Runs the image-input test. */
  supportsImages?: boolean;
  /**
   * 'schema' (default): the schema is sent in the request and the fake answers to it.
   * 'json-mode': JSON mode with the schema described in a message (Groq); the suite scripts the answer.
   */
  structuredOutput?: 'schema' | 'json-mode';
  /** The vendor sends `retry-after-ms` (or an equivalent ms delay) besides `retry-after`. */
  retryAfterMs?: boolean;
  /** The HTTP status of the vendor's invalid-key error: 401 (default); Gemini answers 400 `API_KEY_INVALID`. */
  authStatus?: number;
  /** Set false only for an adapter without `healthCheck` (optional in the contract); default true. */
  healthCheck?: boolean;
}

export const uncataloguedModel = 'conformance-uncatalogued-model';
export const weather = {
  name: 'get_weather',
  description: 'Get the current weather of a city',
  parameters: z.object({ city: z.string().describe('The city name') }),
};
export const cityInfo = z.object({ city: z.string(), population: z.number() });
// A 1x1 transparent PNG.
export const png =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Consumes a stream into its events (a failure is thrown after the events seen so far are kept in `seen`). */
export async function drain(
  stream: AsyncIterable<StreamEvent>,
  seen: StreamEvent[] = [],
): Promise<StreamEvent[]> {
  for await (const event of stream) seen.push(event);
  return seen;
}

export function bodyText(request: RecordedRequest | undefined): string {
  return JSON.stringify(request?.body ?? null);
}

/** What every section of the suite works with: the adapter under test and the fake it talks to. */
export interface ConformanceContext {
  name: string;
  options: ConformanceOptions;
  /** The suite's catalogue, pricing `options.model`. */
  catalogue: ModelCatalogue;
  /** The running fake (started in `beforeAll`). */
  fake(): FakeProviders;
  /** A provider under test, against the fake. */
  create(settings?: Partial<ConformanceSettings>): Provider;
  /** The requests the fake recorded for this adapter's route. */
  requests(): RecordedRequest[];
  ask(content: string, extra?: Partial<ChatRequest>): ChatRequest;
  script(...steps: FakeStep[]): void;
  /** The checks every failure must pass: typed, attributed, redacted. */
  expectProviderError(error: ProviderError, kind: ProviderError['kind'], provider: Provider): void;
}

/** Builds the context of one adapter's run; `fake` is read lazily because it starts in `beforeAll`. */
export function conformanceContext(
  name: string,
  options: ConformanceOptions,
  fake: () => FakeProviders,
): ConformanceContext {
  const catalogue: ModelCatalogue = {
    [options.model]: {
      id: options.model,
      provider: name,
      inputPerMTok: 1,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 2,
      contextWindow: 128_000,
      maxOutputTokens: 8_192,
      capabilities: { tools: true, vision: true, json: true, streaming: true, embeddings: false },
      quality: 0.5,
      typicalLatencyMs: 500,
    },
  };
  return {
    name,
    options,
    catalogue,
    fake,
    create: (settings = {}) =>
      options.create(fake(), {
        model: options.model,
        catalogue,
        ...suiteFetch(name),
        ...settings,
      }),
    requests: () => fake().requests(options.fake),
    ask: (content, extra = {}) => ({ messages: [{ role: 'user', content }], ...extra }),
    script: (...steps) => fake().script(options.fake, steps),
    expectProviderError(error, kind, provider) {
      expect(error.kind).toBe(kind);
      expect(error.provider).toBe(provider.name);
      if (options.apiKey) expect(error.message).not.toContain(options.apiKey);
    },
  };
}
