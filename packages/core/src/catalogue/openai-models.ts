import { chatCapabilities, defineModels, embeddingCapabilities } from './define-models.js';

/** OpenAI list prices (USD per 1M tokens, standard tier) and limits; see the README for the date. */
export const openaiModels = defineModels('openai', [
  { id: 'gpt-5', inputPerMTok: 1.25, cachedInputPerMTok: 0.125, outputPerMTok: 10, contextWindow: 400_000, maxOutputTokens: 128_000, capabilities: chatCapabilities(true), quality: 0.95, typicalLatencyMs: 6_000 },
  { id: 'gpt-5-mini', inputPerMTok: 0.25, cachedInputPerMTok: 0.025, outputPerMTok: 2, contextWindow: 400_000, maxOutputTokens: 128_000, capabilities: chatCapabilities(true), quality: 0.86, typicalLatencyMs: 3_500 },
  { id: 'gpt-5-nano', inputPerMTok: 0.05, cachedInputPerMTok: 0.005, outputPerMTok: 0.4, contextWindow: 400_000, maxOutputTokens: 128_000, capabilities: chatCapabilities(true), quality: 0.72, typicalLatencyMs: 2_500 },
  { id: 'gpt-4.1', inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8, contextWindow: 1_047_576, maxOutputTokens: 32_768, capabilities: chatCapabilities(true), quality: 0.86, typicalLatencyMs: 1_800 },
  { id: 'gpt-4.1-mini', inputPerMTok: 0.4, cachedInputPerMTok: 0.1, outputPerMTok: 1.6, contextWindow: 1_047_576, maxOutputTokens: 32_768, capabilities: chatCapabilities(true), quality: 0.78, typicalLatencyMs: 1_200 },
  { id: 'gpt-4.1-nano', inputPerMTok: 0.1, cachedInputPerMTok: 0.025, outputPerMTok: 0.4, contextWindow: 1_047_576, maxOutputTokens: 32_768, capabilities: chatCapabilities(true), quality: 0.66, typicalLatencyMs: 800 },
  { id: 'gpt-4o', inputPerMTok: 2.5, cachedInputPerMTok: 1.25, outputPerMTok: 10, contextWindow: 128_000, maxOutputTokens: 16_384, capabilities: chatCapabilities(true), quality: 0.82, typicalLatencyMs: 1_500 },
  { id: 'gpt-4o-mini', inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6, contextWindow: 128_000, maxOutputTokens: 16_384, capabilities: chatCapabilities(true), quality: 0.7, typicalLatencyMs: 1_000 },
  { id: 'o3', inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8, contextWindow: 200_000, maxOutputTokens: 100_000, capabilities: chatCapabilities(true), quality: 0.93, typicalLatencyMs: 8_000 },
  { id: 'o4-mini', inputPerMTok: 1.1, cachedInputPerMTok: 0.275, outputPerMTok: 4.4, contextWindow: 200_000, maxOutputTokens: 100_000, capabilities: chatCapabilities(true), quality: 0.87, typicalLatencyMs: 5_000 },
  { id: 'o3-mini', inputPerMTok: 1.1, cachedInputPerMTok: 0.55, outputPerMTok: 4.4, contextWindow: 200_000, maxOutputTokens: 100_000, capabilities: chatCapabilities(false), quality: 0.82, typicalLatencyMs: 5_000 },
  { id: 'text-embedding-3-small', inputPerMTok: 0.02, outputPerMTok: 0, contextWindow: 8_191, maxOutputTokens: 0, capabilities: embeddingCapabilities(), quality: 0.75, typicalLatencyMs: 300, dimensions: 1_536 },
  { id: 'text-embedding-3-large', inputPerMTok: 0.13, outputPerMTok: 0, contextWindow: 8_191, maxOutputTokens: 0, capabilities: embeddingCapabilities(), quality: 0.85, typicalLatencyMs: 400, dimensions: 3_072 },
  { id: 'text-embedding-ada-002', inputPerMTok: 0.1, outputPerMTok: 0, contextWindow: 8_191, maxOutputTokens: 0, capabilities: embeddingCapabilities(), quality: 0.6, typicalLatencyMs: 300, dimensions: 1_536 },
]);
