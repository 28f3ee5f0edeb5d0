import type { RequestMetadata } from './chat.js';

/** A batch of texts to embed. */
export interface EmbedRequest {
  input: string[];
  model?: string;
  dimensions?: number;
  signal?: AbortSignal;
  metadata?: RequestMetadata;
}

/** One vector per input, in input order. */
export interface EmbedResult {
  embeddings: number[][];
  usage: { inputTokens: number };
  provider: string;
  model: string;
  latencyMs: number;
  costUsd: number | undefined;
}
