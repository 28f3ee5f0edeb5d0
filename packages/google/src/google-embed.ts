import type { GenerativeModel, EmbedContentRequest } from '@google/generative-ai';
import { ProviderError, type EmbedRequest } from '@modelmux/core';

/** The vectors of one `batchEmbedContents` call and the (estimated) tokens it used. */
export interface GoogleEmbeddings {
  embeddings: number[][];
  inputTokens: number;
}

/**
 * Embeds every input in one `batchEmbedContents` call (`dimensions` → `outputDimensionality`).
 * The API reports no token count, so `inputTokens` is estimated as characters / 4.
 */
export async function embedWithGoogle(
  model: GenerativeModel,
  request: EmbedRequest,
  signal: AbortSignal,
  context: { provider: string; model: string },
): Promise<GoogleEmbeddings> {
  const requests = request.input.map((text): EmbedContentRequest => ({
    content: { role: 'user', parts: [{ text }] },
    ...(request.dimensions !== undefined
      ? ({ outputDimensionality: request.dimensions } as object)
      : {}),
  }));
  const response = await model.batchEmbedContents({ requests }, { signal });
  const embeddings = (response.embeddings ?? []).map((e) => e.values);
  if (embeddings.length !== request.input.length || embeddings.some((v) => !Array.isArray(v))) {
    throw new ProviderError({
      ...context,
      kind: 'server',
      message: `Gemini server: ${embeddings.length} embeddings came back for ${request.input.length} inputs`,
    });
  }
  const inputTokens = request.input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  return { embeddings, inputTokens };
}
