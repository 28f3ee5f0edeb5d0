import type { GeminiRequest, GeminiResponse } from './gemini-wire.js';

/** Which Google SDK a provider runs on: `genai` (`@google/genai`, the default) or `legacy` (`@google/generative-ai`). */
export type GoogleSdk = 'genai' | 'legacy';

/**
 * One Google SDK behind the three calls the adapter makes. The adapter builds the REST body
 * and reads the REST answer; a backend only hands them to its SDK (one HTTP request per call,
 * the SDK's own retries and timeouts off, `signal` passed down to `fetch`).
 */
export interface GoogleBackend {
  readonly sdk: GoogleSdk;
  /** One `generateContent` call. */
  generate(model: string, body: GeminiRequest, signal: AbortSignal): Promise<GeminiResponse>;
  /** One `streamGenerateContent?alt=sse` call: its chunks. */
  stream(
    model: string,
    body: GeminiRequest,
    signal: AbortSignal,
  ): Promise<AsyncIterable<GeminiResponse>>;
  /** One `batchEmbedContents` call: one entry per input, in order. */
  embed(
    model: string,
    input: readonly string[],
    dimensions: number | undefined,
    signal: AbortSignal,
  ): Promise<readonly { values?: number[] | undefined }[] | undefined>;
}

/** What both backends are created from (`createGoogle` resolves it from the settings). */
export interface GoogleBackendOptions {
  apiKey: string | undefined;
  /** The API origin; undefined lets the SDK choose (Vertex AI: `https://{location}-aiplatform.googleapis.com`). */
  baseURL: string | undefined;
  headers?: Record<string, string>;
  /** `@google/genai` only. */
  vertexai?: { project?: string; location?: string; googleAuthOptions?: object };
  /** `@google/genai` only: the `fetch` it calls (the legacy SDK always calls the global one). */
  fetch?: typeof fetch;
  /** `@google/genai` only: the API version path (`v1beta` for the Gemini API by default). */
  apiVersion?: string;
}
