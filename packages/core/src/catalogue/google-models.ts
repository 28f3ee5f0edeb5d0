import { chatCapabilities, defineModels, embeddingCapabilities } from './define-models.js';

/**
 * Google Gemini API (paid tier) list prices in USD per 1M tokens, for prompts up to 200k tokens
 * (gemini-2.5-pro costs more above that; override if you send longer prompts).
 */
export const googleModels = defineModels('google', [
  { id: 'gemini-2.5-pro', inputPerMTok: 1.25, cachedInputPerMTok: 0.125, outputPerMTok: 10, contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: chatCapabilities(true), quality: 0.94, typicalLatencyMs: 6_000 },
  { id: 'gemini-2.5-flash', inputPerMTok: 0.3, cachedInputPerMTok: 0.03, outputPerMTok: 2.5, contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: chatCapabilities(true), quality: 0.85, typicalLatencyMs: 2_500 },
  { id: 'gemini-2.5-flash-lite', inputPerMTok: 0.1, cachedInputPerMTok: 0.01, outputPerMTok: 0.4, contextWindow: 1_048_576, maxOutputTokens: 65_536, capabilities: chatCapabilities(true), quality: 0.74, typicalLatencyMs: 900 },
  { id: 'gemini-2.0-flash', inputPerMTok: 0.1, cachedInputPerMTok: 0.025, outputPerMTok: 0.4, contextWindow: 1_048_576, maxOutputTokens: 8_192, capabilities: chatCapabilities(true), quality: 0.76, typicalLatencyMs: 900 },
  { id: 'gemini-2.0-flash-lite', inputPerMTok: 0.075, outputPerMTok: 0.3, contextWindow: 1_048_576, maxOutputTokens: 8_192, capabilities: chatCapabilities(true), quality: 0.68, typicalLatencyMs: 700 },
  { id: 'gemini-embedding-001', inputPerMTok: 0.15, outputPerMTok: 0, contextWindow: 2_048, maxOutputTokens: 0, capabilities: embeddingCapabilities(), quality: 0.88, typicalLatencyMs: 400, dimensions: 3_072 },
  { id: 'text-embedding-004', inputPerMTok: 0, outputPerMTok: 0, contextWindow: 2_048, maxOutputTokens: 0, capabilities: embeddingCapabilities(), quality: 0.72, typicalLatencyMs: 300, dimensions: 768 },
]);
