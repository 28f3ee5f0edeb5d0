import type { OperationName } from '@modelmux/resilience';

/** `gen_ai.provider.name` values of the OpenTelemetry GenAI conventions, by provider type. */
const genAiProviderNames: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  groq: 'groq',
  ollama: 'ollama',
  'openai-compatible': 'openai',
};

/** The GenAI provider name for a provider type (its own type when the conventions have none). */
export function genAiProviderName(type: string): string {
  return genAiProviderNames[type] ?? type;
}

/** `gen_ai.operation.name` for an executor operation. */
export function genAiOperationName(operation: OperationName): string {
  return operation === 'embed' ? 'embeddings' : 'chat';
}

/** Duration buckets in seconds the GenAI conventions advise: 0.01 s doubling to 81.92 s. */
export const durationBucketsSeconds: readonly number[] = Array.from(
  { length: 14 },
  (_, i) => 0.01 * 2 ** i,
).map((v) => Math.round(v * 100) / 100);

/** Token-count buckets the GenAI conventions advise: 1, 4, 16 … 4^13 (67 108 864). */
export const tokenBuckets: readonly number[] = Array.from({ length: 14 }, (_, i) => 4 ** i);
