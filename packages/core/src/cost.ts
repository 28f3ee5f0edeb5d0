import type { ChatRequest } from './chat.js';
import { defaultCatalogue } from './catalogue/default-catalogue.js';
import { getModelInfo } from './catalogue/get-model-info.js';
import type { ModelCatalogue, ModelInfo } from './catalogue/model-info.js';
import { countRequestTokens } from './tokens.js';
import type { Usage } from './usage.js';

/** The token counts `estimateCost` prices; embeddings pass only `inputTokens`. */
export type CostUsage = Pick<Usage, 'inputTokens'> &
  Partial<Pick<Usage, 'outputTokens' | 'cachedInputTokens'>>;

/** What a request may cost, predicted before it is sent. */
export interface CostPrediction {
  /** Input tokens as counted by `countRequestTokens` (or as given). */
  inputTokens: number;
  /** The most output tokens the call can produce: `maxTokens`, the model's limit, and the context left. */
  maxOutputTokens: number;
  /** The input alone at the full input price (prompt-cache hits can make the real cost lower). */
  minUsd: number;
  /** The input plus `maxOutputTokens` of output. */
  maxUsd: number;
}

function resolve(model: string | ModelInfo, catalogue: ModelCatalogue): ModelInfo | undefined {
  return typeof model === 'string' ? getModelInfo(model, catalogue) : model;
}

function isCount(value: number | undefined): boolean {
  return value === undefined || (Number.isFinite(value) && value >= 0);
}

/**
 * The cost in USD of a call with this usage, from the catalogue's prices. Cached input tokens are
 * a subset of `inputTokens`: they are priced at the cached rate and the rest at the input rate.
 * Returns `undefined` (never 0) when the model is unknown or a count is not a number ≥ 0.
 */
export function estimateCost(
  model: string | ModelInfo,
  usage: CostUsage,
  catalogue: ModelCatalogue = defaultCatalogue,
): number | undefined {
  const info = resolve(model, catalogue);
  if (
    !info ||
    !isCount(usage.inputTokens) ||
    !isCount(usage.outputTokens) ||
    !isCount(usage.cachedInputTokens)
  )
    return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const output = usage.outputTokens ?? 0;
  return (
    (uncached * info.inputPerMTok +
      cached * (info.cachedInputPerMTok ?? info.inputPerMTok) +
      output * info.outputPerMTok) /
    1_000_000
  );
}

/**
 * Predicts a request's cost before sending it: input tokens counted with the tokenizer (or
 * `options.inputTokens` when the caller already counted them), output bounded by
 * `request.maxTokens`, the model's `maxOutputTokens` and the context window left.
 * Returns `undefined` when the model is unknown.
 */
export function predictCost(
  model: string | ModelInfo,
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'maxTokens'>,
  catalogue: ModelCatalogue = defaultCatalogue,
  options: { inputTokens?: number } = {},
): CostPrediction | undefined {
  const info = resolve(model, catalogue);
  if (!info) return undefined;
  const inputTokens = options.inputTokens ?? countRequestTokens(request);
  const limit =
    request.maxTokens !== undefined
      ? Math.min(request.maxTokens, info.maxOutputTokens)
      : info.maxOutputTokens;
  const maxOutputTokens = Math.max(0, Math.min(limit, info.contextWindow - inputTokens));
  const minUsd = (inputTokens * info.inputPerMTok) / 1_000_000;
  return {
    inputTokens,
    maxOutputTokens,
    minUsd,
    maxUsd: minUsd + (maxOutputTokens * info.outputPerMTok) / 1_000_000,
  };
}
