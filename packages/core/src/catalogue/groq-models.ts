import { chatCapabilities, defineModels } from './define-models.js';

/** GroqCloud list prices (USD per 1M tokens, on-demand tier) and limits. */
export const groqModels = defineModels('groq', [
  { id: 'llama-3.3-70b-versatile', inputPerMTok: 0.59, outputPerMTok: 0.79, contextWindow: 131_072, maxOutputTokens: 32_768, capabilities: chatCapabilities(false), quality: 0.78, typicalLatencyMs: 600 },
  { id: 'llama-3.1-8b-instant', inputPerMTok: 0.05, outputPerMTok: 0.08, contextWindow: 131_072, maxOutputTokens: 131_072, capabilities: chatCapabilities(false), quality: 0.6, typicalLatencyMs: 300 },
  { id: 'openai/gpt-oss-120b', inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6, contextWindow: 131_072, maxOutputTokens: 65_536, capabilities: chatCapabilities(false), quality: 0.85, typicalLatencyMs: 900 },
  { id: 'openai/gpt-oss-20b', inputPerMTok: 0.075, cachedInputPerMTok: 0.0375, outputPerMTok: 0.3, contextWindow: 131_072, maxOutputTokens: 65_536, capabilities: chatCapabilities(false), quality: 0.75, typicalLatencyMs: 500 },
  { id: 'meta-llama/llama-4-scout-17b-16e-instruct', inputPerMTok: 0.11, outputPerMTok: 0.34, contextWindow: 131_072, maxOutputTokens: 8_192, capabilities: chatCapabilities(true), quality: 0.72, typicalLatencyMs: 500 },
  { id: 'meta-llama/llama-4-maverick-17b-128e-instruct', inputPerMTok: 0.2, outputPerMTok: 0.6, contextWindow: 131_072, maxOutputTokens: 8_192, capabilities: chatCapabilities(true), quality: 0.78, typicalLatencyMs: 600 },
  { id: 'qwen/qwen3-32b', inputPerMTok: 0.29, outputPerMTok: 0.59, contextWindow: 131_072, maxOutputTokens: 40_960, capabilities: chatCapabilities(false), quality: 0.8, typicalLatencyMs: 900 },
  { id: 'moonshotai/kimi-k2-instruct-0905', inputPerMTok: 1, outputPerMTok: 3, contextWindow: 262_144, maxOutputTokens: 16_384, capabilities: chatCapabilities(false), quality: 0.86, typicalLatencyMs: 1_200 },
]);
