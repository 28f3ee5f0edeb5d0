import { chatCapabilities, defineModels } from './define-models.js';

/**
 * Anthropic list prices (USD per 1M tokens) and limits; `cachedInputPerMTok` is the cache-read
 * price (cache writes cost more and are not modelled). JSON output is emulated by the adapter.
 */
export const anthropicModels = defineModels('anthropic', [
  { id: 'claude-opus-4-5', inputPerMTok: 5, cachedInputPerMTok: 0.5, outputPerMTok: 25, contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: chatCapabilities(true), quality: 0.97, typicalLatencyMs: 3_500 },
  { id: 'claude-opus-4-1', inputPerMTok: 15, cachedInputPerMTok: 1.5, outputPerMTok: 75, contextWindow: 200_000, maxOutputTokens: 32_000, capabilities: chatCapabilities(true), quality: 0.95, typicalLatencyMs: 4_000 },
  { id: 'claude-opus-4-0', inputPerMTok: 15, cachedInputPerMTok: 1.5, outputPerMTok: 75, contextWindow: 200_000, maxOutputTokens: 32_000, capabilities: chatCapabilities(true), quality: 0.93, typicalLatencyMs: 4_000 },
  { id: 'claude-sonnet-4-5', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: chatCapabilities(true), quality: 0.95, typicalLatencyMs: 2_500 },
  { id: 'claude-sonnet-4-0', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: chatCapabilities(true), quality: 0.9, typicalLatencyMs: 2_500 },
  { id: 'claude-3-7-sonnet-latest', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15, contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: chatCapabilities(true), quality: 0.87, typicalLatencyMs: 2_500 },
  { id: 'claude-haiku-4-5', inputPerMTok: 1, cachedInputPerMTok: 0.1, outputPerMTok: 5, contextWindow: 200_000, maxOutputTokens: 64_000, capabilities: chatCapabilities(true), quality: 0.87, typicalLatencyMs: 1_200 },
  { id: 'claude-3-5-haiku-latest', inputPerMTok: 0.8, cachedInputPerMTok: 0.08, outputPerMTok: 4, contextWindow: 200_000, maxOutputTokens: 8_192, capabilities: chatCapabilities(false), quality: 0.74, typicalLatencyMs: 1_200 },
]);
