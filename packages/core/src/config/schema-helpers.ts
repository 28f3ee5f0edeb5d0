import { z } from 'zod';

/**
 * Names a received value for an error message. Numbers and booleans are shown, text only when
 * `showText`; for a `secret` only the kind of value is named.
 */
export function describeReceived(input: unknown, showText = false, secret = false): string {
  if (input === null) return 'null';
  if (secret)
    return typeof input === 'string'
      ? 'a string'
      : Array.isArray(input)
        ? 'an array'
        : `a ${typeof input}`;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'string') {
    if (!showText) return input === '' ? 'an empty string' : 'a string';
    return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  }
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

/**
 * A zod error function: "required: <expected>" when the value is missing, otherwise
 * "expected <expected>; received <what>".
 */
export function expected(
  what: string,
  options: { showText?: boolean; secret?: boolean } = {},
): (issue: { input?: unknown }) => string {
  return (issue) =>
    issue.input === undefined
      ? `required: expected ${what}`
      : `expected ${what}; received ${describeReceived(issue.input, options.showText, options.secret)}`;
}

/** A USD amount ≥ 0. */
export function usdSchema(example = '0.25'): z.ZodNumber {
  return z.number({ error: expected(`an amount in USD ≥ 0 (e.g. ${example})`) }).nonnegative();
}

/** A number in `[min, max]`. */
export function rangeSchema(min: number, max: number, example: string): z.ZodNumber {
  return z
    .number({ error: expected(`a number from ${min} to ${max} (e.g. ${example})`) })
    .min(min)
    .max(max);
}

/** A whole number ≥ 1. */
export function positiveIntSchema(what: string, example: string): z.ZodNumber {
  return z.int({ error: expected(`a whole number of ${what} ≥ 1 (e.g. ${example})`) }).positive();
}

/** A whole number ≥ 0. */
export function nonNegativeIntSchema(what: string, example: string): z.ZodNumber {
  return z
    .int({ error: expected(`a whole number of ${what} ≥ 0 (e.g. ${example})`) })
    .nonnegative();
}

/** A non-empty string; `example` shows what one looks like. */
export function nonEmptyStringSchema(what: string, example: string): z.ZodString {
  return z.string({ error: expected(`${what} as a non-empty string (e.g. ${example})`) }).min(1);
}
