import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { isZodSchema, toJsonSchema } from './schema.js';

describe('toJsonSchema', () => {
  test('turns a zod schema into JSON Schema without $schema', () => {
    expect(toJsonSchema(z.object({ city: z.string(), days: z.number().int().optional() }))).toEqual(
      {
        type: 'object',
        properties: {
          city: { type: 'string' },
          days: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) },
        },
        required: ['city'],
      },
    );
  });

  test('passes JSON Schema through unchanged', () => {
    const schema = { type: 'object', properties: {} };
    expect(toJsonSchema(schema)).toBe(schema);
  });

  test('isZodSchema tells the two apart', () => {
    expect(isZodSchema(z.string())).toBe(true);
    expect(isZodSchema({ type: 'string' })).toBe(false);
    expect(isZodSchema(null)).toBe(false);
  });
});

describe('toJsonSchema and zod 3', () => {
  test('a zod 3 schema is an InvalidRequestError, not its internals on the wire', () => {
    const zod3 = { _def: { typeName: 'ZodObject' }, safeParse: () => ({ success: true }) };
    expect(() => toJsonSchema(zod3 as never)).toThrow(/zod 3 schema: modelmux needs zod 4/);
  });
});
