import { ProviderError } from './errors/provider-error.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** `costUsd` must be a finite amount ≥ 0, or `undefined` when the price is unknown. */
function costProblem(cost: unknown): string | undefined {
  if (cost === undefined || isCount(cost)) return undefined;
  return `costUsd must be a finite number of USD ≥ 0 or undefined (price unknown); received ${String(cost)}`;
}

function usageProblem(usage: unknown): string | undefined {
  if (!isRecord(usage)) return 'usage must be { inputTokens, outputTokens, totalTokens }';
  for (const key of ['inputTokens', 'outputTokens', 'totalTokens'])
    if (!isCount(usage[key]))
      return `usage.${key} must be a finite token count ≥ 0; received ${String(usage[key])}`;
  return undefined;
}

/**
 * What is wrong with what a provider returned for a chat call (a `ChatResult`), or `undefined`.
 * O(1): the fields every caller and the budgets read (text, tool calls, finish reason, usage,
 * provider, model, cost). A `costUsd` of `NaN` or `-5` is wrong, never read as $0.
 */
export function chatResultProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the result must be a ChatResult object';
  if (typeof value['text'] !== 'string') return 'text must be a string';
  if (!Array.isArray(value['toolCalls'])) return 'toolCalls must be an array';
  if (typeof value['finishReason'] !== 'string') return 'finishReason must be a string';
  if (typeof value['provider'] !== 'string' || typeof value['model'] !== 'string')
    return 'provider and model must be strings';
  return usageProblem(value['usage']) ?? costProblem(value['costUsd']);
}

/** What is wrong with a stream's `finish` event (usage and cost), or `undefined`. */
export function finishEventProblem(event: Record<string, unknown>): string | undefined {
  return usageProblem(event['usage']) ?? costProblem(event['costUsd']);
}

/** What is wrong with an `EmbedResult` (its vectors and cost), or `undefined`. */
export function embedResultProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the result must be an EmbedResult object';
  if (!Array.isArray(value['embeddings'])) return 'embeddings must be an array of vectors';
  return costProblem(value['costUsd']);
}

/**
 * The failure of a provider that answered something outside the contract (kind `server`: the
 * provider's fault, counted against it like a garbled vendor response), naming the field.
 */
export function invalidResultError(provider: string, problem: string): ProviderError {
  return new ProviderError({
    kind: 'server',
    provider,
    message: `Provider "${provider}" returned an invalid result: ${problem}`,
  });
}
