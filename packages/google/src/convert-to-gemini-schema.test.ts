import { InvalidRequestError, toJsonSchema } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { geminiType } from './gemini-wire.js';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';

describe('convertToGeminiSchema', () => {
  it('maps a zod object to the OpenAPI subset, dropping keywords Gemini rejects', () => {
    const schema = toJsonSchema(
      z.object({
        city: z.string().min(1).describe('The city'),
        days: z.number().int().min(1).max(7).default(3),
        unit: z.enum(['c', 'f']),
        tags: z.array(z.string()).max(5),
        when: z.string().datetime(),
        email: z.string().email(),
      }),
    );
    expect(
      convertToGeminiSchema({
        ...schema,
        $schema: 'http://json-schema.org/draft-07/schema#',
        additionalProperties: false,
        title: 'Q',
      }),
    ).toEqual({
      type: geminiType.OBJECT,
      properties: {
        city: { type: geminiType.STRING, description: 'The city' },
        days: { type: geminiType.INTEGER, minimum: 1, maximum: 7 },
        unit: { type: geminiType.STRING, format: 'enum', enum: ['c', 'f'] },
        tags: { type: geminiType.ARRAY, items: { type: geminiType.STRING }, maxItems: 5 },
        when: { type: geminiType.STRING, format: 'date-time' },
        email: { type: geminiType.STRING },
      },
      required: ['city', 'unit', 'tags', 'when', 'email'],
    });
  });

  it('turns nullable unions and type arrays into nullable', () => {
    expect(convertToGeminiSchema(toJsonSchema(z.object({ note: z.string().nullable() })))).toEqual({
      type: geminiType.OBJECT,
      properties: { note: { type: geminiType.STRING, nullable: true } },
      required: ['note'],
    });
    expect(convertToGeminiSchema({ type: ['integer', 'null'] })).toEqual({
      type: geminiType.INTEGER,
      nullable: true,
    });
  });

  it('keeps a real union as anyOf, converted', () => {
    expect(convertToGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toEqual({
      anyOf: [{ type: geminiType.STRING }, { type: geminiType.NUMBER }],
    });
  });

  it('inlines $ref definitions', () => {
    const schema = {
      type: 'object',
      properties: { home: { $ref: '#/definitions/Address' }, work: { $ref: '#/$defs/Address' } },
      definitions: {
        Address: {
          type: 'object',
          properties: { street: { type: 'string' } },
          additionalProperties: false,
        },
      },
      $defs: { Address: { type: 'object', properties: { street: { type: 'string' } } } },
    };
    const address = {
      type: geminiType.OBJECT,
      properties: { street: { type: geminiType.STRING } },
    };
    expect(convertToGeminiSchema(schema)).toEqual({
      type: geminiType.OBJECT,
      properties: { home: address, work: address },
    });
  });

  it('rejects a recursive schema with a clear InvalidRequestError', () => {
    const node: z.ZodType = z.lazy(() => z.object({ children: z.array(node) }));
    expect(() => convertToGeminiSchema(toJsonSchema(node), 'tools.0.parameters')).toThrow(
      InvalidRequestError,
    );
    expect(() => convertToGeminiSchema(toJsonSchema(node), 'tools.0.parameters')).toThrow(
      /recursive/,
    );
  });

  it('maps const and non-string enums', () => {
    expect(convertToGeminiSchema({ const: 'yes' })).toEqual({
      type: geminiType.STRING,
      format: 'enum',
      enum: ['yes'],
    });
    expect(convertToGeminiSchema({ type: 'integer', enum: [1, 2] })).toEqual({
      type: geminiType.INTEGER,
      description: '(one of: 1, 2)',
    });
  });

  it('rejects a schema with no type it can express', () => {
    expect(() =>
      convertToGeminiSchema({ description: 'anything' }, 'responseFormat.schema'),
    ).toThrow(/responseFormat\.schema/);
    expect(() => convertToGeminiSchema({ type: 'array' })).toThrow(/items/);
  });
});
