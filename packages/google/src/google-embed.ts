import { ProviderError, type EmbedRequest } from '@modelmux/core';
import { formatProviderErrorMessage } from '@modelmux/core/provider-utils';
import type { GoogleBackend } from './google-backend.js';

/** The vectors of one `batchEmbedContents` call and the (estimated) tokens it used. */
export interface GoogleEmbeddings {
  embeddings: number[][];
  inputTokens: number;
}

/**
 * Embeds every input in one `batchEmbedContents` call (`dimensions` → `outputDimensionality`).
 * The API reports no token count, so `inputTokens` is estimated as characters / 4. An answer
 * without one vector per input is a `server` error.
 */
export async function embedWithGoogle(
  backend: GoogleBackend,
  request: EmbedRequest,
  signal: AbortSignal,
  context: { provider: string; model: string },
): Promise<GoogleEmbeddings> {
  const answer = await backend.embed(context.model, request.input, request.dimensions, signal);
  const embeddings = (answer ?? []).map((e) => e?.values) as number[][];
  if (embeddings.length !== request.input.length || embeddings.some((v) => !Array.isArray(v))) {
    throw new ProviderError({
      ...context,
      kind: 'server',
      message: formatProviderErrorMessage({
        ...context,
        kind: 'server',
        text: `${embeddings.length} embeddings came back for ${request.input.length} inputs`,
      }),
    });
  }
  const inputTokens = request.input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  return { embeddings, inputTokens };
}
