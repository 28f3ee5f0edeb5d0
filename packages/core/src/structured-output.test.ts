import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ProviderError } from './errors/provider-error.js';
import { parseStructuredOutput } from './structured-output.js';

const context = { provider: 'openai', model: 'gpt-4o-mini' };
const schema = z.object({ city: z.string(), population: z.number().int() });

function failureOf(fn: () => unknown): ProviderError {
  try {
    fn();
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('parseStructuredOutput', () => {
  test('returns undefined unless JSON was asked for', () => {
    expect(parseStructuredOutput('{"a":1}', undefined, context)).toBeUndefined();
    expect(parseStructuredOutput('{"a":1}', { type: 'text' }, context)).toBeUndefined();
  });

  test('parses valid JSON against a zod schema, returning the parsed data', () => {
    const strict = z.object({ city: z.string() }).strip();
    expect(
      parseStructuredOutput(
        '{"city":"Paris","population":2102650}',
        { type: 'json', schema },
        context,
      ),
    ).toEqual({ city: 'Paris', population: 2102650 });
    expect(
      parseStructuredOutput(
        '{"city":"Paris","extra":1}',
        { type: 'json', schema: strict },
        context,
      ),
    ).toEqual({ city: 'Paris' });
  });

  test('parses JSON without a schema, or with a plain JSON Schema, as is', () => {
    expect(parseStructuredOutput('[1,2]', { type: 'json' }, context)).toEqual([1, 2]);
    expect(
      parseStructuredOutput(
        '{"x":"y"}',
        { type: 'json', schema: { type: 'object', properties: { x: { type: 'number' } } } },
        context,
      ),
    ).toEqual({ x: 'y' });
  });

  test('strips a Markdown fence around the JSON', () => {
    expect(
      parseStructuredOutput(
        '```json\n{"city":"Oslo","population":709037}\n```',
        { type: 'json', schema },
        context,
      ),
    ).toEqual({ city: 'Oslo', population: 709037 });
    expect(parseStructuredOutput('  ```\n{"a":true}\n```  ', { type: 'json' }, context)).toEqual({
      a: true,
    });
  });

  test('invalid JSON is a quality failure of that provider', () => {
    const error = failureOf(() =>
      parseStructuredOutput(
        'Sure! Here is the JSON: {city: Paris}',
        { type: 'json', schema },
        context,
      ),
    );
    expect(error).toMatchObject({
      kind: 'quality',
      isRetryable: false,
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(error.message).toMatch(/not valid JSON: Sure! Here is the JSON/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  test('JSON that does not match the schema is a quality failure naming the path', () => {
    const error = failureOf(() =>
      parseStructuredOutput(
        '{"city":"Paris","population":"lots"}',
        { type: 'json', schema },
        context,
      ),
    );
    expect(error.kind).toBe('quality');
    expect(error.message).toMatch(/does not match the schema: population: /);
  });
});
