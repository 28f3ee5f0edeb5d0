import {
  type ChatRequest,
  type ChatResult,
  type SchemaLike,
  ProviderError,
  parseStructuredOutput,
} from '@modelmux/core';
import type { Validator } from './validator.js';

/**
 * The structured output must parse: JSON, and valid against `schema` (a zod schema; with a
 * JSON Schema only parsing is checked). Without `schema`, the request's own
 * `responseFormat` is used, and a request that asked for no JSON passes.
 */
export function schemaValidator(schema?: SchemaLike<unknown>): Validator {
  return {
    name: 'schema',
    validate(result: ChatResult<unknown>, request: ChatRequest<unknown>) {
      const format = schema ? { type: 'json' as const, schema } : request.responseFormat;
      if (!format || format.type !== 'json') return undefined;
      try {
        parseStructuredOutput(result.text, format, {
          provider: result.provider,
          model: result.model,
        });
        return undefined;
      } catch (error) {
        return ProviderError.isInstance(error) ? error.message : String(error);
      }
    },
  };
}

/** The answer's text (trimmed) has at least `n` characters. An answer made of tool calls passes. */
export function minLength(n: number): Validator {
  return {
    name: `minLength(${n})`,
    validate(result) {
      if (result.toolCalls.length > 0) return undefined;
      const length = result.text.trim().length;
      return length >= n ? undefined : `the answer has ${length} characters, fewer than ${n}`;
    },
  };
}

/** The answer is not empty: some text or a tool call. */
export function nonEmpty(): Validator {
  return { ...minLength(1), name: 'nonEmpty' };
}

/** The answer's text must not match `pattern` (e.g. a refusal phrase or leaked markup). */
export function bannedPattern(pattern: RegExp): Validator {
  return {
    name: `bannedPattern(${pattern.source})`,
    validate(result) {
      pattern.lastIndex = 0;
      return pattern.test(result.text)
        ? `the answer matches the banned pattern /${pattern.source}/`
        : undefined;
    },
  };
}

/** Scores an answer from 0 (worst) to 1 (best); may be async (e.g. a judge model). */
export type Scorer = (
  result: ChatResult<unknown>,
  request: ChatRequest<unknown>,
) => number | Promise<number>;

/**
 * The answer's score from `score` is at least `threshold`. A scorer that throws rejects the
 * answer (its message becomes the reason), so a broken judge is visible, never silently passed.
 */
export function scoreAtLeast(score: Scorer, threshold: number): Validator {
  const judge = async (
    result: ChatResult<unknown>,
    request: ChatRequest<unknown>,
  ): Promise<string | undefined> => {
    let value: number;
    try {
      value = await score(result, request);
    } catch (error) {
      return `the scorer failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (typeof value !== 'number' || Number.isNaN(value))
      return `the scorer returned ${String(value)}, not a number`;
    return value >= threshold ? undefined : `the score ${value} is below ${threshold}`;
  };
  return { name: `scoreAtLeast(${threshold})`, validate: judge };
}
