/** What a model can do. */
export interface ModelCapabilities {
  tools: boolean;
  vision: boolean;
  json: boolean;
  streaming: boolean;
  embeddings: boolean;
}

/** One model of the catalogue: prices in USD per 1M tokens, limits and observed traits. */
export interface ModelInfo {
  /** The model id as the vendor's API takes it. */
  id: string;
  /** The vendor family (`openai`, `anthropic`, `google`, `groq`, `ollama`…). */
  provider: string;
  inputPerMTok: number;
  outputPerMTok: number;
  /** Price of input tokens served from the prompt cache; `inputPerMTok` when absent. */
  cachedInputPerMTok?: number;
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: ModelCapabilities;
  /** A quality score from 0 to 1, for quality routing. */
  quality: number;
  /** A typical time to a full short answer, in ms, for latency routing before we observe any. */
  typicalLatencyMs: number;
  /** For embedding models: the vector length. */
  dimensions?: number;
}

/** A catalogue: model id → info. Users extend or override it in config. */
export type ModelCatalogue = Readonly<Record<string, ModelInfo>>;
