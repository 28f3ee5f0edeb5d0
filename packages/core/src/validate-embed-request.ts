import type { EmbedRequest } from './embed.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';

function fail(field: string, message: string): never {
  throw new InvalidRequestError({ field, message });
}

/** The value as a short phrase for a message (`null`, `an array`, `5`, `the string "x"`). */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'number' ? String(value) : typeof value;
}

/**
 * Checks an embedding request before any provider sees it; throws `InvalidRequestError` naming
 * the first bad field and the fix (a non-empty `input` array of strings, a model id string, a
 * positive integer `dimensions`, an AbortSignal `signal`, an object `metadata`).
 */
export function validateEmbedRequest(request: EmbedRequest): void {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    fail(
      'request',
      `must be an EmbedRequest object ({ input: [...] }); received ${received(request)}`,
    );
  const { input, model, dimensions, signal, metadata } = request as unknown as Record<
    string,
    unknown
  >;
  if (!Array.isArray(input) || input.length === 0)
    fail(
      'input',
      `must be a non-empty array of strings (input: ['text']); received ${received(input)}`,
    );
  input.forEach((text, i) => {
    if (typeof text !== 'string')
      fail(`input.${i}`, `must be a string; received ${received(text)}`);
  });
  if (model !== undefined && (typeof model !== 'string' || model.trim() === ''))
    fail('model', `must be a non-empty model id string (or left out); received ${received(model)}`);
  if (
    dimensions !== undefined &&
    (!Number.isSafeInteger(dimensions) || (dimensions as number) <= 0)
  )
    fail('dimensions', `must be a positive integer; received ${received(dimensions)}`);
  if (
    signal !== undefined &&
    (typeof signal !== 'object' ||
      signal === null ||
      typeof (signal as AbortSignal).aborted !== 'boolean' ||
      typeof (signal as AbortSignal).addEventListener !== 'function')
  )
    fail('signal', `must be an AbortSignal; received ${received(signal)}`);
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
  )
    fail('metadata', `must be an object; received ${received(metadata)}`);
}
