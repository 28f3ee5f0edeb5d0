import { estimateCost, type ModelCatalogue, type Usage } from '@modelmux/core';

/** Prices a call's usage, trying each model in order (`undefined` when none is priced). */
export type CostOfModels = (
  models: readonly (string | undefined)[],
  usage: Usage,
) => number | undefined;

/**
 * The cost of a call from the catalogue: the model as returned first (it may be a dated
 * snapshot the catalogue lists), then the model as requested; `undefined` when neither is priced.
 */
export function openAICompatibleCost(
  models: readonly (string | undefined)[],
  usage: Usage,
  catalogue: ModelCatalogue | undefined,
): number | undefined {
  for (const model of models) {
    if (!model) continue;
    const cost = estimateCost(model, usage, catalogue);
    if (cost !== undefined) return cost;
  }
  return undefined;
}
