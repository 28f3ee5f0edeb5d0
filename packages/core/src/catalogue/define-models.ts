import type { ModelCapabilities, ModelInfo } from './model-info.js';

/** The capabilities of a chat model: tools, JSON and streaming, with vision as given. */
export function chatCapabilities(
  vision: boolean,
  overrides: Partial<ModelCapabilities> = {},
): ModelCapabilities {
  return { tools: true, vision, json: true, streaming: true, embeddings: false, ...overrides };
}

/** The capabilities of an embedding model: embeddings only. */
export function embeddingCapabilities(): ModelCapabilities {
  return { tools: false, vision: false, json: false, streaming: false, embeddings: true };
}

/** One vendor's entries, without the repeated `provider` field. */
export type VendorModel = Omit<ModelInfo, 'provider'>;

/**
 * Turns one vendor's list into catalogue entries keyed by id. Entries (and their capabilities)
 * are frozen so that no caller can change the shared defaults by accident.
 */
export function defineModels(
  provider: string,
  models: readonly VendorModel[],
): Record<string, ModelInfo> {
  const out: Record<string, ModelInfo> = {};
  for (const model of models) {
    out[model.id] = Object.freeze({
      ...model,
      provider,
      capabilities: Object.freeze({ ...model.capabilities }),
    });
  }
  return out;
}
