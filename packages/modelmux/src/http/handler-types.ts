import type { ProviderFactory } from '../provider-factory.js';

/** Options of `createOpenAIHandler`. */
export interface OpenAIHandlerOptions {
  /**
   * Path prefix of the OpenAI routes (default '/v1'): POST {base}/chat/completions,
   * POST {base}/embeddings, GET {base}/models, POST {base}/messages (Anthropic Messages format).
   */
  basePath?: string;
  /** Largest request body accepted, in bytes (default 4 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

/** Routing hints of one request (what a virtual key or the request's headers and body say). */
export interface HandlerHints {
  strategy?: string;
  userId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
  requestId?: string;
}

/** Per-request context a server (the gateway) passes in; everything optional. */
export interface HandlerContext {
  /**
   * Routing hints merged over those read from the request (headers x-modelmux-strategy,
   * x-modelmux-user, x-modelmux-tags (comma list), x-modelmux-metadata (JSON object), and body
   * `metadata`, `user`); the context's hints win (a virtual key's user/tags/metadata).
   */
  hints?: HandlerHints;
  /**
   * Models/providers this caller may use (a virtual key's allow-list: model ids as in GET /models,
   * e.g. 'auto', 'cost', 'openai', 'openai/gpt-4o-mini'); others get 403 in the OpenAI error shape.
   */
  allowedModels?: readonly string[];
  /** Aborted when the client goes away: the upstream call is aborted. */
  signal?: AbortSignal;
  /**
   * Called once per finished request (also for errors and for streams when they end/are cut),
   * with what a dashboard or per-key usage needs — never the prompt or the answer.
   */
  onFinish?: (record: HandlerRecord) => void;
}

/**
 * What one finished request did: routing, timing, usage and cost; never the prompt or the
 * answer. A stream's record is made when it ends or is cut; its routing fields come from the
 * routed finish event, so a stream cut before it has none.
 */
export interface HandlerRecord {
  requestId: string;
  endpoint: 'chat' | 'embeddings' | 'messages' | 'models';
  /** The model id as requested. */
  model: string;
  provider?: string;
  providerModel?: string;
  strategy?: string;
  attempts: number;
  fallback: boolean;
  stream: boolean;
  status: number;
  errorKind?: string;
  latencyMs: number;
  ttftMs?: number;
  overheadMs?: number;
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  costUsd?: number;
  cached?: boolean;
}

/** A web-standard request handler serving the OpenAI (and Anthropic Messages) HTTP API. */
export type OpenAIHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

/** The factory as the handler uses it (its public API only). */
export type HandlerFactory = Pick<
  ProviderFactory,
  'getProvider' | 'listProviders' | 'getProviderInfo' | 'config'
>;
