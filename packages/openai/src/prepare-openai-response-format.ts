import { isZodSchema, toJsonSchema, type JsonSchema, type ResponseFormat } from '@modelmux/core';
import type { OpenAIChatWireResponseFormat } from '@modelmux/openai-compatible';

/**
 * Maps a modelmux response format to OpenAI's `response_format`: `json_schema` when a schema is
 * given (with `strict: true` only when the schema meets strict mode's rules), `json_object`
 * without one, nothing for text. A zod object's JSON Schema is closed
 * (`additionalProperties: false` where it says nothing), since zod drops unknown keys anyway;
 * a plain JSON Schema is sent as given.
 */
export function prepareOpenAIResponseFormat(
  format: ResponseFormat | undefined,
): OpenAIChatWireResponseFormat | undefined {
  if (!format || format.type !== 'json') return undefined;
  if (!format.schema) return { type: 'json_object' };
  const schema = isZodSchema(format.schema)
    ? closeObjects(toJsonSchema(format.schema))
    : toJsonSchema(format.schema);
  return {
    type: 'json_schema',
    json_schema: {
      name: schemaName(format.name),
      ...(format.description !== undefined ? { description: format.description } : {}),
      schema,
      ...(isStrictCompatible(schema) ? { strict: true } : {}),
    },
  };
}

/** OpenAI wants `^[a-zA-Z0-9_-]{1,64}$`; anything else is replaced by `_`. */
function schemaName(name: string | undefined): string {
  const cleaned = (name ?? 'response').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'response' : cleaned;
}

/**
 * True when OpenAI's strict structured outputs accept the schema: the root is an object and
 * every object schema in it lists all its properties as required and sets
 * `additionalProperties: false`. (zod objects without optional fields satisfy this.)
 */
export function isStrictCompatible(schema: JsonSchema): boolean {
  return isObjectSchema(schema) && everySchema(schema, strictObject);
}

function isObjectSchema(schema: JsonSchema): boolean {
  return (
    schema['type'] === 'object' ||
    (typeof schema['properties'] === 'object' && schema['properties'] !== null)
  );
}

function strictObject(schema: JsonSchema): boolean {
  if (!isObjectSchema(schema)) return true;
  const properties = Object.keys((schema['properties'] as JsonSchema | undefined) ?? {});
  const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
  return (
    schema['additionalProperties'] === false && properties.every((key) => required.includes(key))
  );
}

/** Applies `check` to a schema and every sub-schema (properties, items, combinators, definitions). */
function everySchema(schema: JsonSchema, check: (schema: JsonSchema) => boolean): boolean {
  if (!check(schema)) return false;
  const children: unknown[] = [];
  for (const key of ['properties', '$defs', 'definitions', 'patternProperties']) {
    const map = schema[key];
    if (map && typeof map === 'object') children.push(...Object.values(map));
  }
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains']) {
    if (schema[key] && typeof schema[key] === 'object')
      children.push(...(Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [schema[key]]));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    if (Array.isArray(schema[key])) children.push(...(schema[key] as unknown[]));
  }
  return children.every(
    (child) => !child || typeof child !== 'object' || everySchema(child as JsonSchema, check),
  );
}

/** A copy of `schema` where every object schema that says nothing about extra keys forbids them. */
export function closeObjects(schema: JsonSchema): JsonSchema {
  const copy = structuredClone(schema);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as JsonSchema;
    if (isObjectSchema(record) && !('additionalProperties' in record))
      record['additionalProperties'] = false;
    Object.values(record).forEach(visit);
  };
  visit(copy);
  return copy;
}
