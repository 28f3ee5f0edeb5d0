import { chatCapabilities, defineModels, embeddingCapabilities } from './define-models.js';

/**
 * Common models of a local Ollama server (OpenAI-compatible at `http://localhost:11434/v1`),
 * priced at 0. Tags are matched to their base name (`qwen2.5:7b` → `qwen2.5`); quality and
 * latency depend on the size you pull and your hardware, so override them.
 */
export const ollamaModels = defineModels('ollama', [
  {
    id: 'llama3.2',
    inputPerMTok: 0,
    outputPerMTok: 0,
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    capabilities: chatCapabilities(false),
    quality: 0.5,
    typicalLatencyMs: 1_500,
  },
  {
    id: 'llama3.1',
    inputPerMTok: 0,
    outputPerMTok: 0,
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    capabilities: chatCapabilities(false),
    quality: 0.55,
    typicalLatencyMs: 2_500,
  },
  {
    id: 'qwen2.5',
    inputPerMTok: 0,
    outputPerMTok: 0,
    contextWindow: 32_768,
    maxOutputTokens: 8_192,
    capabilities: chatCapabilities(false),
    quality: 0.58,
    typicalLatencyMs: 2_500,
  },
  {
    id: 'nomic-embed-text',
    inputPerMTok: 0,
    outputPerMTok: 0,
    contextWindow: 8_192,
    maxOutputTokens: 0,
    capabilities: embeddingCapabilities(),
    quality: 0.65,
    typicalLatencyMs: 100,
    dimensions: 768,
  },
  {
    id: 'mxbai-embed-large',
    inputPerMTok: 0,
    outputPerMTok: 0,
    contextWindow: 512,
    maxOutputTokens: 0,
    capabilities: embeddingCapabilities(),
    quality: 0.7,
    typicalLatencyMs: 150,
    dimensions: 1_024,
  },
]);
