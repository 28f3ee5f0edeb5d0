import type { ChatRequest } from './chat.js';
import { defaultCatalogue } from './catalogue/default-catalogue.js';
import type { ModelCatalogue, ModelInfo, ModelPrices } from './catalogue/model-info.js';
import { type PriceCard, type PriceOptions, resolvePrice, roundUsd } from './price.js';
import { countRequestTokens } from './tokens.js';
import type { Usage } from './usage.js';

/** The token counts `estimateCost` prices; embeddings pass only `inputTokens`. */
export type CostUsage = Pick<Usage, 'inputTokens'> &
  Partial<
    Pick<
      Usage,
      | 'outputTokens'
      | 'cachedInputTokens'
      | 'cacheWriteInputTokens'
      | 'cacheWrite1hInputTokens'
      | 'reasoningTokens'
      | 'serviceTier'
    >
  >;

/**
 * A call's cost by kind of token, USD (each rounded like `costUsd`): plain input, prompt-cache
 * reads, prompt-cache writes, visible output and reasoning output. They add up to the total.
 */
export interface CostBreakdown {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

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

/** The price options of `estimateCost` / `predictCost` besides the catalogue. */
export type CostOptions = Omit<PriceOptions, 'catalogue'>;

function isCount(value: number | undefined): boolean {
  return value === undefined || (Number.isFinite(value) && value >= 0);
}

/**
 * The rate card that applies to a call: the service tier's (when the response named one the
 * model lists), else the long-context tier's (when the prompt is above its threshold), else the
 * base card.
 */
export function pricesFor(card: PriceCard, inputTokens: number, serviceTier?: string): ModelPrices {
  const tier =
    serviceTier !== undefined && card.serviceTiers && Object.hasOwn(card.serviceTiers, serviceTier)
      ? card.serviceTiers[serviceTier]
      : undefined;
  if (tier) return tier;
  const long = card.longContext;
  if (long && inputTokens > long.aboveInputTokens) return long;
  return card;
}

/**
 * The cost of a call with this usage by kind of token (USD, rounded to 1e-10), from the one
 * price lookup (`resolvePrice`). Cache reads and writes are subsets of `inputTokens`, reasoning a
 * subset of `outputTokens` (charged once, at the output price). Undefined (never 0) when the
 * price is unknown or a count is not a number ≥ 0.
 */
export function costBreakdown(
  model: string | ModelInfo,
  usage: CostUsage,
  catalogue: ModelCatalogue = defaultCatalogue,
  options: CostOptions = {},
): CostBreakdown | undefined {
  if (
    !isCount(usage.inputTokens) ||
    !isCount(usage.outputTokens) ||
    !isCount(usage.cachedInputTokens) ||
    !isCount(usage.cacheWriteInputTokens) ||
    !isCount(usage.cacheWrite1hInputTokens) ||
    !isCount(usage.reasoningTokens)
  )
    return undefined;
  const card = resolvePrice(model, { ...options, catalogue });
  if (!card) return undefined;
  const p = pricesFor(card, usage.inputTokens, usage.serviceTier);
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const writes = Math.min(usage.cacheWriteInputTokens ?? 0, usage.inputTokens - cached);
  const writes1h = Math.min(usage.cacheWrite1hInputTokens ?? 0, writes);
  const output = usage.outputTokens ?? 0;
  const reasoning = Math.min(usage.reasoningTokens ?? 0, output);
  const writePrice = p.cacheWritePerMTok ?? p.inputPerMTok;
  const usd = (tokens: number, perMTok: number) => roundUsd((tokens * perMTok) / 1_000_000);
  return {
    input: usd(usage.inputTokens - cached - writes, p.inputPerMTok),
    cachedInput: usd(cached, p.cachedInputPerMTok ?? p.inputPerMTok),
    cacheWrite: roundUsd(
      ((writes - writes1h) * writePrice + writes1h * (p.cacheWrite1hPerMTok ?? writePrice)) /
        1_000_000,
    ),
    output: usd(output - reasoning, p.outputPerMTok),
    reasoning: usd(reasoning, p.outputPerMTok),
  };
}

/** The total of a breakdown, rounded to 1e-10 USD. */
export function totalCost(breakdown: CostBreakdown): number {
  return roundUsd(
    breakdown.input +
      breakdown.cachedInput +
      breakdown.cacheWrite +
      breakdown.output +
      breakdown.reasoning,
  );
}

/**
 * The cost in USD of a call with this usage (rounded to 1e-10 USD), priced as the vendor prices
 * it: cache reads, 5-minute and 1-hour cache writes, the long-context tier, the service tier the
 * response named, reasoning once as output. Returns `undefined` (never 0) when the model's price
 * is unknown (see `unknownPrice`) or a count is not a number ≥ 0.
 */
export function estimateCost(
  model: string | ModelInfo,
  usage: CostUsage,
  catalogue: ModelCatalogue = defaultCatalogue,
  options: CostOptions = {},
): number | undefined {
  const breakdown = costBreakdown(model, usage, catalogue, options);
  return breakdown && totalCost(breakdown);
}

/**
 * Predicts a request's cost before sending it: input tokens counted with the tokenizer (or
 * `options.inputTokens` when the caller already counted them), output bounded by
 * `request.maxTokens`, the model's `maxOutputTokens` and the context window left, priced on the
 * tier the prompt's size selects (long context). Returns `undefined` when the price is unknown.
 */
export function predictCost(
  model: string | ModelInfo,
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'maxTokens'>,
  catalogue: ModelCatalogue = defaultCatalogue,
  options: { inputTokens?: number } & CostOptions = {},
): CostPrediction | undefined {
  const card = resolvePrice(model, { ...options, catalogue });
  if (!card) return undefined;
  const info = card as Partial<ModelInfo>;
  const inputTokens = options.inputTokens ?? countRequestTokens(request);
  const modelMax = info.maxOutputTokens ?? request.maxTokens ?? 4_096;
  const limit = request.maxTokens !== undefined ? Math.min(request.maxTokens, modelMax) : modelMax;
  const context = info.contextWindow ?? Number.POSITIVE_INFINITY;
  const maxOutputTokens = Math.max(0, Math.min(limit, context - inputTokens));
  const p = pricesFor(card, inputTokens);
  const minUsd = roundUsd((inputTokens * p.inputPerMTok) / 1_000_000);
  return {
    inputTokens,
    maxOutputTokens,
    minUsd,
    maxUsd: roundUsd(minUsd + (maxOutputTokens * p.outputPerMTok) / 1_000_000),
  };
}
