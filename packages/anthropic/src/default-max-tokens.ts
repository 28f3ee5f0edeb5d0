/** The `max_tokens` used when neither the request, the settings nor the catalogue give one. */
export const fallbackMaxTokens = 4096;

/** The cap on a `max_tokens` taken from the catalogue's `maxOutputTokens`. */
export const catalogueMaxTokensCap = 8192;

/**
 * Anthropic requires `max_tokens`. The request's value wins, then the settings' `maxTokens`,
 * then the model's `maxOutputTokens` from the catalogue capped at 8192 (a model's full
 * 64k-128k output would make every call reserve, and budget for, its worst case), else 4096.
 */
export function resolveMaxTokens(
  requested: number | undefined,
  configured: number | undefined,
  modelMaxOutput: number | undefined,
): number {
  if (requested !== undefined) return requested;
  if (configured !== undefined) return configured;
  if (modelMaxOutput !== undefined && modelMaxOutput > 0)
    return Math.min(modelMaxOutput, catalogueMaxTokensCap);
  return fallbackMaxTokens;
}
