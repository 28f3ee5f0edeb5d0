import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closeObjects,
  isStrictCompatible,
  prepareOpenAIResponseFormat,
} from './prepare-openai-response-format.js';

describe('prepareOpenAIResponseFormat', () => {
  it('sends nothing for text and json_object for JSON without a schema', () => {
    expect(prepareOpenAIResponseFormat(undefined)).toBeUndefined();
    expect(prepareOpenAIResponseFormat({ type: 'text' })).toBeUndefined();
    expect(prepareOpenAIResponseFormat({ type: 'json' })).toEqual({ type: 'json_object' });
  });

  it('sends a strict json_schema for a zod object with every field required', () => {
    const format = prepareOpenAIResponseFormat({
      type: 'json',
      name: 'city info',
      schema: z.object({ city: z.string(), population: z.number() }),
    });
    expect(format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'city_info',
        strict: true,
        schema: {
          type: 'object',
          properties: { city: { type: 'string' }, population: { type: 'number' } },
          required: ['city', 'population'],
          additionalProperties: false,
        },
      },
    });
  });

  it('leaves strict off when a field is optional', () => {
    const format = prepareOpenAIResponseFormat({
      type: 'json',
      schema: z.object({ city: z.string(), note: z.string().optional() }),
    });
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'response' } });
    expect(
      format && 'json_schema' in format ? format.json_schema.strict : 'missing',
    ).toBeUndefined();
  });
});

describe('isStrictCompatible', () => {
  it('checks nested objects and arrays', () => {
    const strict = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: { a: { type: 'string' } },
            required: ['a'],
            additionalProperties: false,
          },
        },
      },
      required: ['items'],
      additionalProperties: false,
    };
    expect(isStrictCompatible(strict)).toBe(true);
    const loose = structuredClone(strict);
    delete (loose.properties.items.items as Record<string, unknown>)['additionalProperties'];
    expect(isStrictCompatible(loose)).toBe(false);
  });

  it('rejects a root that is not an object', () => {
    expect(isStrictCompatible({ type: 'array', items: { type: 'string' } })).toBe(false);
  });
});

describe('closeObjects', () => {
  it('forbids extra keys where an object says nothing, and leaves explicit choices alone', () => {
    const closed = closeObjects({
      type: 'object',
      properties: {
        a: { type: 'object', properties: {} },
        b: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
    expect(closed).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { type: 'object', properties: {}, additionalProperties: false },
        b: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
  });
});

describe('plain JSON Schema', () => {
  it('is sent as given, strict only when it already qualifies', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    expect(prepareOpenAIResponseFormat({ type: 'json', schema })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema },
    });
  });
});
