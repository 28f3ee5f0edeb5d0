/** Zod 4 schema kinds that can never describe a tool's arguments (they must be an object). */
const nonObjectZodTypes = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'array',
  'tuple',
  'literal',
  'enum',
  'null',
  'undefined',
  'date',
  'symbol',
  'void',
  'never',
  'nan',
  'file',
  'template_literal',
]);

/**
 * JSON Schema objects already serialised once without error. Tools are usually defined once and
 * sent with every request (and a request is checked at the executor's entry and again at the
 * adapter's), so the O(schema) `JSON.stringify` runs once per schema object, not per check.
 */
const serialisableSchemas = new WeakSet<object>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` looks like a zod 3 schema (`_def` and `safeParse`, but no zod 4 `_zod`). */
export function isZod3Schema(value: unknown): boolean {
  return (
    isRecord(value) &&
    !('_zod' in value) &&
    '_def' in value &&
    typeof value['safeParse'] === 'function'
  );
}

/**
 * What is wrong with a schema given as a tool's `parameters` or a JSON `responseFormat.schema`,
 * or `undefined` when it is usable: a zod 4 schema, or a JSON-serialisable JSON Schema object
 * (with `objectOnly`, one describing an object). A zod 3 schema is named as such instead of
 * sending its internals to the vendor.
 */
export function schemaProblem(
  schema: unknown,
  { objectOnly }: { objectOnly: boolean },
): string | undefined {
  if (!isRecord(schema))
    return `must be a zod 4 schema or a JSON Schema object; received ${schema === null ? 'null' : Array.isArray(schema) ? 'an array' : typeof schema}`;
  if (isZod3Schema(schema))
    return 'is a zod 3 schema: modelmux needs zod 4 (npm install zod@^4, then import { z } from "zod")';
  if ('_zod' in schema) {
    const type = (schema['_zod'] as { def?: { type?: unknown } } | undefined)?.def?.type;
    if (objectOnly && typeof type === 'string' && nonObjectZodTypes.has(type))
      return `must describe an object (z.object({ … })); received a zod ${type} schema`;
    return undefined;
  }
  const type = schema['type'];
  if (type !== undefined && typeof type !== 'string' && !Array.isArray(type))
    return `is not a valid JSON Schema: "type" must be a string; received ${typeof type}`;
  if (objectOnly && type !== undefined && type !== 'object')
    return `must describe an object ({ type: 'object', properties: { … } }); received type ${JSON.stringify(type)}`;
  if (schema['properties'] !== undefined && !isRecord(schema['properties']))
    return 'is not a valid JSON Schema: "properties" must be an object';
  if (schema['required'] !== undefined && !Array.isArray(schema['required']))
    return 'is not a valid JSON Schema: "required" must be an array of property names';
  if (serialisableSchemas.has(schema)) return undefined;
  try {
    JSON.stringify(schema);
  } catch (error) {
    return `must be JSON-serialisable (a recursive schema needs "$ref", not a cycle): ${error instanceof Error ? error.message : String(error)}`;
  }
  const untyped = arrayWithoutItems(schema, '');
  if (untyped !== undefined)
    return `${untyped === '' ? 'is an array schema' : `has an array at ${untyped}`} without "items": vendors refuse it (OpenAI: "array schema missing items"); add items: { type: … }`;
  serialisableSchemas.add(schema);
  return undefined;
}

const subschemaKeys = ['items', 'additionalProperties', 'not'] as const;
const subschemaListKeys = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

/**
 * The path (`''` for the root, else `properties.tags`…) of the first array schema without
 * `items` (nor `prefixItems`), or `undefined`. Walks a JSON Schema already known to be acyclic.
 */
function arrayWithoutItems(schema: Record<string, unknown>, path: string): string | undefined {
  const type = schema['type'];
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
  if (isArray && schema['items'] === undefined && schema['prefixItems'] === undefined) return path;
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  for (const group of ['properties', '$defs', 'definitions'] as const) {
    const children = schema[group];
    if (!isRecord(children)) continue;
    for (const [name, child] of Object.entries(children)) {
      const found = isRecord(child) ? arrayWithoutItems(child, at(`${group}.${name}`)) : undefined;
      if (found !== undefined) return found;
    }
  }
  for (const key of subschemaKeys) {
    const child = schema[key];
    const found = isRecord(child) ? arrayWithoutItems(child, at(key)) : undefined;
    if (found !== undefined) return found;
  }
  for (const key of subschemaListKeys) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const child: unknown = list[i];
      const found = isRecord(child) ? arrayWithoutItems(child, at(`${key}.${i}`)) : undefined;
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
