import type { ChatInput, ChatRequest } from '@modelmux/core';
import type { RoutedEmbedResult, RoutedResult, RoutedStreamEvent } from './routed-result.js';

/** Per-call options of a routed model: request fields, plus routing overrides. */
export type InvokeOptions = Partial<Omit<ChatRequest, 'messages'>> & {
  /** Use this routing strategy for this call. */
  strategy?: string;
  /** This request's id (default: a random UUID); the result's `requestId`. */
  requestId?: string;
};

/** Per-call options of `embed`. */
export interface EmbedOptions {
  model?: string;
  dimensions?: number;
  signal?: AbortSignal;
  metadata?: ChatRequest['metadata'];
}

/** What a routed model runs its calls through (the factory). */
export interface RoutedRunner {
  generate<T>(
    input: ChatInput<T>,
    options: InvokeOptions,
    provider: string | undefined,
  ): Promise<RoutedResult<T>>;
  stream(
    input: ChatInput,
    options: InvokeOptions,
    provider: string | undefined,
  ): AsyncIterable<RoutedStreamEvent>;
  embed(
    texts: string[],
    options: EmbedOptions,
    provider: string | undefined,
  ): Promise<RoutedEmbedResult>;
  /** The provider routing would pick first now (for `name` when nothing is pinned). */
  firstChoice(): string;
}

/**
 * A model behind the router: `invoke`, `stream` and `embed` are routed by the factory's strategy
 * with fallback, or start with the pinned provider (`getProvider('anthropic')`).
 */
export class RoutedLLM {
  constructor(
    private readonly runner: RoutedRunner,
    /** The pinned provider, if any. */
    readonly pinned: string | undefined,
  ) {}

  /**
   * The pinned provider's name; else, under `cost`, `latency` or `quality` routing, the provider
   * routing would pick first for a typical request now; else the primary.
   */
  get name(): string {
    return this.pinned ?? this.runner.firstChoice();
  }

  /** One chat call: a prompt, messages or a `ChatRequest` → a routed result. */
  invoke<T = unknown>(input: ChatInput<T>, options: InvokeOptions = {}): Promise<RoutedResult<T>> {
    return this.runner.generate(input, options, this.pinned);
  }

  /**
   * Streams the answer; typed errors as in `@modelmux/resilience` (fallback before the first event
   * only). The `finish` event carries `requestId`, `attempts`, `strategy` and `rule` too.
   */
  stream(input: ChatInput, options: InvokeOptions = {}): AsyncIterable<RoutedStreamEvent> {
    return this.runner.stream(input, options, this.pinned);
  }

  /** Embeds texts on the providers that can (routed like chat, among those with embeddings). */
  embed(texts: string[], options: EmbedOptions = {}): Promise<RoutedEmbedResult> {
    return this.runner.embed(texts, options, this.pinned);
  }
}
