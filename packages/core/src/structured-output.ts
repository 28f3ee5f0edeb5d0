import type { ResponseFormat } from './chat.js';
import { ProviderError } from './errors/provider-error.js';
import { isZodSchema } from './schema.js';

/**
 * Parses the model's JSON answer for a `{ type: 'json' }` request, validating it with the zod
 * schema when one was given. A failure is a `ProviderError` of kind `quality` (not retryable on
 * the same provider; the resilience layer may fall back).
 */
export function parseStructuredOutput<T>(
  text: string,
  format: ResponseFormat<T> | undefined,
  context: { provider: string; model: string },
): T | undefined {
  if (!format || format.type !== 'json') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(stripJsonFence(text));
  } catch (cause) {
    throw new ProviderError({
      ...context,
      kind: 'quality',
      message: `The model's answer is not valid JSON: ${String(text).slice(0, 120)}`,
      cause,
    });
  }
  if (format.schema && isZodSchema(format.schema)) {
    const parsed = format.schema.safeParse(value);
    if (!parsed.success) {
      const where = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new ProviderError({
        ...context,
        kind: 'quality',
        message: `The model's JSON does not match the schema: ${where}`,
        cause: parsed.error,
      });
    }
    return parsed.data as T;
  }
  return value as T;
}

/** Removes a Markdown code fence around JSON, which some models add in JSON mode. */
function stripJsonFence(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  return fenced?.[1] ?? trimmed;
}
