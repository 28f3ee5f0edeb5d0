/** The providers the fake server speaks for. */
export type FakeProviderName = 'openai' | 'anthropic' | 'google' | 'groq';

/** Every provider name, in a stable order. */
export const fakeProviderNames: readonly FakeProviderName[] = [
  'openai',
  'anthropic',
  'google',
  'groq',
];

/** A vendor error the fake can write with that vendor's real status and body. */
export type FakeErrorType =
  | 'rate_limit'
  | 'quota'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'context_length'
  | 'server'
  | 'overloaded';

/** A scripted answer: text and/or tool calls, finish reason and usage override the default. */
export interface FakeReply {
  text?: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
  finishReason?: 'stop' | 'length' | 'tool-calls' | 'content-filter';
  usage?: {
    inputTokens?: number;
    outputTokens?: number;
    cachedInputTokens?: number;
    /** Prompt-cache writes (Anthropic `cache_creation_input_tokens`), part of `inputTokens`. */
    cacheWriteInputTokens?: number;
    /** The 1-hour part of the writes (Anthropic `cache_creation.ephemeral_1h_input_tokens`). */
    cacheWrite1hInputTokens?: number;
    /** Reasoning tokens, part of `outputTokens` (OpenAI/Groq `reasoning_tokens`, Gemini `thoughtsTokenCount`). */
    reasoningTokens?: number;
    /** The service tier the response names (OpenAI `service_tier`; default `default`). */
    serviceTier?: string;
  };
  /**
   * A second choice (index 1) the server sends unasked, as a server ignoring `n` would (OpenAI
   * and Groq wire only): in the JSON after choice 0, and in a stream interleaved chunk by chunk.
   */
  secondChoice?: string;
}

/** An error step with an explicit HTTP status (the error type follows from it unless given). */
export interface FakeStatusStep {
  status: number;
  error?: FakeErrorType;
  /** Seconds, sent as the `retry-after` header (Gemini: RetryInfo `retryDelay`). */
  retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms` (openai/groq), RetryInfo `retryDelay` for Gemini. */
  retryAfterMs?: number;
  message?: string;
}

/** An error step whose status is the vendor's real one for that error type. */
export interface FakeErrorStep {
  error: FakeErrorType;
  retryAfter?: number;
  retryAfterMs?: number;
  message?: string;
}

/** A reply written exactly as given: any status, content type and body (an HTML page, `null`, `{}`). */
export interface FakeRawStep {
  raw: { status?: number; body: string; contentType?: string; headers?: Record<string, string> };
}

/**
 * A 200 answer with nothing in it, as Gemini sometimes sends: `object` is `{}`, `array` is `[]`,
 * `no-content` is a candidate with no content and no finish reason (no `promptFeedback`). A
 * streamed request gets it as its only SSE event.
 */
export interface FakeEmptyAnswerStep {
  emptyAnswer: 'object' | 'array' | 'no-content';
}

/** One scripted response. */
export type FakeStep =
  | 'ok'
  | 'hang'
  | 'reset'
  | 'malformed'
  | 'content-filter'
  | 'context-length'
  | FakeStatusStep
  | FakeErrorStep
  | { delayMs: number; then?: FakeStep }
  | { streamCutAfter: number }
  | {
      streamErrorAfter: number;
      error?: FakeErrorType;
      message?: string;
      /** A vendor error type the SDKs do not know (`mystery_error`), sent in place of `error`'s. */
      errorType?: string;
    }
  | { reply: FakeReply }
  /** A stream whose SSE events arrive `streamEventDelayMs` apart (a slow model; abort it mid-answer). Non-stream requests answer at once. */
  | { streamEventDelayMs: number; reply?: FakeReply }
  /** The model refuses: OpenAI/Groq `message.refusal` (streamed as `delta.refusal` chunks), finish `stop`; others answer as `content-filter`. */
  | { refusal: string }
  /** A complete answer without usage: OpenAI/Groq streams end with a finish reason and `[DONE]` but no usage chunk (as servers ignoring `stream_options.include_usage` do); bodies lack `usage` / `usageMetadata`. */
  | 'no-usage'
  /** A 200 whose JSON body is `null`. */
  | 'null-body'
  /** An HTML page (a proxy's or load balancer's) with this status, 200 included. */
  | { htmlPage: number }
  | FakeEmptyAnswerStep
  | FakeRawStep;

/**
 * The quota a provider reports in its rate-limit headers (OpenAI/Groq `x-ratelimit-*`, Anthropic
 * `anthropic-ratelimit-*`; Gemini sends none). Unset fields use the defaults: limits of 10 000
 * requests and 2 000 000 tokens, remaining requests counting down with each request, resets in
 * 6 s (requests) and 20 ms… 1 min (tokens).
 */
export interface FakeRateLimit {
  limitRequests?: number;
  remainingRequests?: number;
  /** Milliseconds until the request quota resets. */
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** Milliseconds until the token quota resets. */
  resetTokensMs?: number;
}

/** Rules applied to every request of a provider once its script is used up. */
export interface FakeRules {
  /** Share of requests (0..1) answered with `failWith`. */
  failRate?: number;
  /** The step used for a failure (default `{ status: 503 }`). */
  failWith?: FakeStep;
  /** Added latency in ms, fixed or uniformly drawn from `[min, max]`. */
  latencyMs?: number | [number, number];
  /** Seed of the rules' PRNG (default: the server's seed), so runs repeat. */
  seed?: number;
}

/** One request as the fake received it, credentials redacted. */
export interface RecordedRequest {
  provider: FakeProviderName;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON (undefined when empty). */
  body: unknown;
  /** Arrival time (ms since the epoch). */
  at: number;
  /**
   * True once the connection closed before the response was complete: the client aborted
   * (its signal, a timeout, a stream it stopped reading), or a `hang` / `reset` / stream-cut
   * step ended. Updated in place, so keep the record and poll it.
   */
  closedEarly: boolean;
}

/** Options of `startFakeProviders`. */
export interface FakeProvidersOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Host to bind; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default seed of every provider's rules PRNG. */
  seed?: number;
  /**
   * When true, `delayMs` and latency waits read `globalThis.setTimeout` at call time, so
   * `vi.useFakeTimers()` controls them. Default false: the server uses the real timers captured
   * when the module loaded and is never frozen by a test's fake timers.
   */
  useGlobalTimers?: boolean;
  /**
   * When true, each provider keeps an automatic prompt cache per model: a chat request whose
   * leading messages repeat a prompt that provider served before reports those tokens as cached
   * input in the vendor's own usage fields (OpenAI/Groq `prompt_tokens_details.cached_tokens`,
   * Anthropic `cache_read_input_tokens`, Gemini `cachedContentTokenCount`). The cache, not the
   * request's cache markers, then decides what is read from it. Default false.
   */
  promptCache?: boolean;
}

/** Base URLs to hand to each official SDK. */
export interface FakeBaseUrls {
  /** `${url}/v1` for `new OpenAI({ baseURL })`. */
  openai: string;
  /** `url` for `new Anthropic({ baseURL })`. */
  anthropic: string;
  /** `url` for `new Groq({ baseURL })` (the SDK adds `/openai/v1`). */
  groq: string;
  /** `url` for `getGenerativeModel({ model }, { baseUrl })`. */
  google: string;
}

/** A running fake server speaking the four vendors' wire formats. */
export interface FakeProviders {
  /** `http://host:port`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Base URL per provider. */
  readonly baseURL: FakeBaseUrls;
  /** Queues steps for the next requests of one provider (appended to any steps still queued). */
  script(provider: FakeProviderName, steps: FakeStep[]): void;
  /** Sets (or with `undefined` clears) the rules of a provider. */
  rules(provider: FakeProviderName, rules: FakeRules | undefined): void;
  /** Recorded requests of one provider, or of all in arrival order. */
  requests(provider?: FakeProviderName): RecordedRequest[];
  /** How many requests a provider received (all providers when omitted). */
  count(provider?: FakeProviderName): number;
  /**
   * Sets the quota a provider's rate-limit headers report from now on (so a test can make it
   * look low on quota); `undefined` goes back to the defaults. Gemini sends no such headers.
   */
  rateLimit(provider: FakeProviderName, limits: FakeRateLimit | undefined): void;
  /** Clears scripts, rules, rate limits and records. */
  reset(): void;
  /** Closes the server and destroys every open connection (hung ones too). */
  close(): Promise<void>;
}
