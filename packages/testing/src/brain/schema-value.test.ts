import { describe, expect, it } from 'vitest';
import { promptValues, typeOf, valueForSchema } from './schema-value.js';

const none = promptValues('');

describe('valueForSchema', () => {
  it('fills every property of an object with a value of its type', () => {
    const value = valueForSchema(
      {
        type: 'object',
        properties: {
          s: { type: 'string' },
          n: { type: 'number' },
          i: { type: 'integer' },
          b: { type: 'boolean' },
          z: { type: 'null' },
          a: { type: 'array', items: { type: 'integer' } },
        },
      },
      none,
    );
    expect(value).toEqual({ s: 's', n: 1, i: 1, b: true, z: null, a: [1] });
  });

  it('takes quoted text, capitalised words and numbers from the prompt, in order', () => {
    const values = promptValues('Book a table at "Chez Panisse" in Berkeley for 4 people at 19.5');
    expect(values.strings).toEqual(['Chez Panisse', 'Berkeley']);
    const value = valueForSchema(
      {
        type: 'object',
        properties: {
          venue: { type: 'string' },
          city: { type: 'string' },
          people: { type: 'integer' },
          time: { type: 'number' },
        },
      },
      values,
    );
    expect(value).toEqual({ venue: 'Chez Panisse', city: 'Berkeley', people: 4, time: 19.5 });
  });

  it('does not take the first word of a sentence as a value', () => {
    expect(promptValues('Weather in Paris? Tomorrow please.').strings).toEqual(['Paris']);
  });

  it('honours enum (preferring one the prompt names), const, formats and length bounds', () => {
    const value = valueForSchema(
      {
        type: 'object',
        properties: {
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          kind: { const: 'fixed' },
          day: { type: 'string', format: 'date' },
          at: { type: 'string', format: 'date-time' },
          mail: { type: 'string', format: 'email' },
          code: { type: 'string', minLength: 6, maxLength: 8 },
        },
      },
      promptValues('show it in fahrenheit'),
    );
    expect(value).toEqual({
      unit: 'fahrenheit',
      kind: 'fixed',
      day: '2024-01-01',
      at: '2024-01-01T00:00:00Z',
      mail: 'user@example.com',
      code: 'codexx',
    });
  });

  it('clamps numbers to minimum, maximum, exclusive bounds and multipleOf', () => {
    const value = valueForSchema(
      {
        type: 'object',
        properties: {
          a: { type: 'integer', minimum: 5 },
          b: { type: 'integer', maximum: 3 },
          c: { type: 'number', exclusiveMinimum: 10 },
          d: { type: 'integer', minimum: 1, multipleOf: 5 },
        },
      },
      promptValues('1 9 2 3'),
    );
    expect(value).toEqual({ a: 5, b: 3, c: 10.5, d: 5 });
  });

  it('follows $ref into $defs and definitions, picks the first non-null of anyOf, merges allOf', () => {
    const schema = {
      type: 'object',
      properties: {
        address: { $ref: '#/$defs/address' },
        legacy: { $ref: '#/definitions/legacy' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'integer' }] },
        both: {
          allOf: [
            { type: 'object', properties: { x: { type: 'integer' } } },
            { properties: { y: { type: 'boolean' } } },
          ],
        },
      },
      $defs: { address: { type: 'object', properties: { street: { type: 'string' } } } },
      definitions: { legacy: { type: 'boolean' } },
    };
    expect(valueForSchema(schema, none)).toEqual({
      address: { street: 'street' },
      legacy: true,
      maybe: 1,
      both: { x: 1, y: true },
    });
  });

  it('reads Gemini upper-case types and nullable type lists', () => {
    expect(
      valueForSchema(
        { type: 'OBJECT', properties: { n: { type: 'INTEGER' }, t: { type: ['null', 'string'] } } },
        none,
      ),
    ).toEqual({ n: 1, t: 't' });
    expect(typeOf({ type: 'STRING' })).toBe('string');
  });

  it('respects minItems and maxItems', () => {
    expect(
      valueForSchema({ type: 'array', items: { type: 'boolean' }, minItems: 3 }, none),
    ).toEqual([true, true, true]);
    expect(
      valueForSchema({ type: 'array', items: { type: 'boolean' }, maxItems: 0 }, none),
    ).toEqual([]);
  });

  it('stops on a recursive schema instead of looping', () => {
    const schema = {
      $ref: '#/$defs/node',
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
    };
    expect(JSON.stringify(valueForSchema(schema, none))).toContain('null');
  });
});
