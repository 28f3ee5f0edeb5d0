/** What a model can do. */
export interface ModelCapabilities {
  tools: boolean;
  vision: boolean;
  json: boolean;
  streaming: boolean;
  embeddings: boolean;
}

/** The prices of one rate card, USD per 1M tokens (the base card or a tier's). */
export interface ModelPrices {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Price of input tokens served from the prompt cache; `inputPerMTok` when absent. */
  cachedInputPerMTok?: number;
  /** Price of input tokens written to the prompt cache (5-minute writes); `inputPerMTok` when absent. */
  cacheWritePerMTok?: number;
  /** Price of 1-hour prompt-cache writes (Anthropic: 2× input); `cacheWritePerMTok` when absent. */
  cacheWrite1hPerMTok?: number;
}

/** Prices that apply to a whole request once its prompt is above a size (Gemini 2.5 Pro, Claude Sonnet 1M). */
export interface LongContextPrices extends ModelPrices {
  /** The tier applies when the request's input tokens are above this count (e.g. 200000). */
  aboveInputTokens: number;
}

/** One model of the catalogue: prices in USD per 1M tokens, limits and observed traits. */
export interface ModelInfo extends ModelPrices {
  /** The model id as the vendor's API takes it. */
  id: string;
  /** The vendor family (`openai`, `anthropic`, `google`, `groq`, `ollama`…). */
  provider: string;
  /** Prices of the whole request when the prompt is above `aboveInputTokens`. */
  longContext?: LongContextPrices;
  /**
   * Prices by service tier, when the response names one (`flex`, `priority`, `batch`); a tier not
   * listed is priced at the base card.
   */
  serviceTiers?: Readonly<Record<string, ModelPrices>>;
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
