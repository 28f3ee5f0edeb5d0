import { z } from 'zod';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { isZod3Schema } from './validate-schema.js';

/** A JSON Schema object, as sent to providers. */
export type JsonSchema = Record<string, unknown>;

/** A schema given as a zod schema or as plain JSON Schema. */
export type SchemaLike<T = unknown> = z.ZodType<T> | JsonSchema;

/** True when `value` is a zod (v4) schema. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/**
 * Turns a zod schema or JSON Schema into the JSON Schema sent on the wire.
 * Zod goes through `z.toJSONSchema`; the `$schema` key is dropped since no vendor wants it. A
 * zod 3 schema is rejected with `InvalidRequestError` rather than sending its internals.
 */
export function toJsonSchema(schema: SchemaLike): JsonSchema {
  if (isZod3Schema(schema))
    throw new InvalidRequestError({
      field: 'schema',
      message:
        'is a zod 3 schema: modelmux needs zod 4 (npm install zod@^4, then import { z } from "zod")',
    });
  if (isZodSchema(schema)) {
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
    delete json['$schema'];
    return json;
  }
  return schema;
}
