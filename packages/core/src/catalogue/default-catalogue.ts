import { anthropicModels } from './anthropic-models.js';
import { googleModels } from './google-models.js';
import { groqModels } from './groq-models.js';
import type { ModelCatalogue } from './model-info.js';
import { ollamaModels } from './ollama-models.js';
import { openaiModels } from './openai-models.js';

/**
 * The built-in catalogue: list prices (USD per 1M tokens), limits, capabilities, quality and
 * typical latency of the current OpenAI, Anthropic, Google, Groq and common Ollama models.
 * Frozen; extend or override it with `mergeCatalogue` (or the config's `catalogue`).
 */
export const defaultCatalogue: ModelCatalogue = Object.freeze({
  ...openaiModels,
  ...anthropicModels,
  ...googleModels,
  ...groqModels,
  ...ollamaModels,
});
