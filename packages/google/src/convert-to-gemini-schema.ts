import { InvalidRequestError, type JsonSchema } from '@modelmux/core';
import { geminiType, type GeminiSchema as Schema, type GeminiType } from './gemini-wire.js';

const types: Readonly<Record<string, GeminiType>> = {
  string: geminiType.STRING,
  number: geminiType.NUMBER,
  integer: geminiType.INTEGER,
  boolean: geminiType.BOOLEAN,
  array: geminiType.ARRAY,
  object: geminiType.OBJECT,
};

/** The `format`s Gemini accepts, per type; any other format is dropped. */
const formats: Readonly<Record<string, readonly string[]>> = {
  string: ['date-time', 'enum'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};

const maxDepth = 32;

/**
 * Converts JSON Schema (as `toJsonSchema` gives it) to the OpenAPI 3.0 subset Gemini takes:
 * `$ref`s to `definitions`/`$defs` are inlined (a recursive schema is an `InvalidRequestError`),
 * `type: [x, 'null']` and `anyOf` with a `null` branch become `nullable`, `const` and string
 * `enum`s become `format: 'enum'` + `enum`, a single-branch `allOf` is inlined; keywords Gemini
 * rejects (`additionalProperties`, `$schema`, `default`, `title`, `examples`, `pattern`,
 * `minLength`, `maxLength`, `exclusiveMinimum`…) are dropped. Other `anyOf`s are kept, converted.
 */
export function convertToGeminiSchema(schema: JsonSchema, field = 'schema'): Schema {
  const definitions = {
    ...(schema['definitions'] as Record<string, JsonSchema> | undefined),
    ...(schema['$defs'] as Record<string, JsonSchema> | undefined),
  };
  return convert(schema, { definitions, field, refs: [], depth: 0 });
}

interface Context {
  definitions: Record<string, JsonSchema>;
  field: string;
  refs: string[];
  depth: number;
}

function convert(input: JsonSchema, context: Context): Schema {
  if (context.depth > maxDepth) fail(context, `nests deeper than ${maxDepth} levels`);
  let schema = input;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    if (ref === '#' || context.refs.includes(ref))
      fail(context, `is recursive (${ref}); Gemini schemas cannot refer to themselves`);
    const name = /^#\/(?:definitions|\$defs)\/(.+)$/.exec(ref)?.[1];
    const target = name !== undefined ? context.definitions[decodeURIComponent(name)] : undefined;
    if (!target) fail(context, `has a $ref Gemini cannot resolve: ${ref}`);
    schema = { ...target, ...without(schema, '$ref') };
    context = { ...context, refs: [...context.refs, ref] };
  }
  const allOf = schema['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1) {
    return convert({ ...(allOf[0] as JsonSchema), ...without(schema, 'allOf') }, context);
  }

  const out: Record<string, unknown> = {};
  if (typeof schema['description'] === 'string') out['description'] = schema['description'];

  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const nonNull = union.filter((branch) => branch['type'] !== 'null');
    const nullable = nonNull.length < union.length;
    const child = (branch: JsonSchema, i: number): Schema =>
      convert(branch, {
        ...context,
        field: `${context.field}.anyOf.${i}`,
        depth: context.depth + 1,
      });
    if (nonNull.length === 1)
      return {
        ...child(nonNull[0] as JsonSchema, 0),
        ...out,
        ...(nullable ? { nullable: true } : {}),
      } as Schema;
    return {
      ...out,
      anyOf: nonNull.map(child),
      ...(nullable ? { nullable: true } : {}),
    } as unknown as Schema;
  }

  let type = schema['type'];
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length < type.length) out['nullable'] = true;
    if (nonNull.length > 1) {
      const branches = nonNull.map((t, i) =>
        convert(
          { ...schema, type: t },
          { ...context, field: `${context.field}.type.${i}`, depth: context.depth + 1 },
        ),
      );
      return { ...out, anyOf: branches } as unknown as Schema;
    }
    type = nonNull[0];
  }
  const values =
    schema['const'] !== undefined ? [schema['const']] : (schema['enum'] as unknown[] | undefined);
  if (type === undefined && values?.length)
    type =
      typeof values[0] === 'number'
        ? 'number'
        : typeof values[0] === 'boolean'
          ? 'boolean'
          : 'string';
  if (type === undefined)
    type = schema['properties'] ? 'object' : schema['items'] ? 'array' : undefined;
  if (type === undefined) fail(context, 'has no type Gemini can express (give it a "type")');
  if (type === 'null') fail(context, 'is only null; Gemini needs a type');
  const target = types[type as string];
  if (!target) fail(context, `has a type Gemini does not know: ${String(type)}`);
  out['type'] = target;
  if (schema['nullable'] === true) out['nullable'] = true;

  if (values?.length) {
    if (target === geminiType.STRING) {
      out['format'] = 'enum';
      out['enum'] = values.map(String);
    } else {
      const list = values.map((v) => JSON.stringify(v)).join(', ');
      out['description'] =
        `${out['description'] ? `${String(out['description'])} ` : ''}(one of: ${list})`;
    }
  } else if (
    typeof schema['format'] === 'string' &&
    formats[type as string]?.includes(schema['format'])
  ) {
    out['format'] = schema['format'];
  }

  if (target === geminiType.OBJECT) {
    const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
    const converted: Record<string, Schema> = {};
    for (const [key, value] of Object.entries(properties)) {
      converted[key] = convert(value, {
        ...context,
        field: `${context.field}.properties.${key}`,
        depth: context.depth + 1,
      });
    }
    if (Object.keys(converted).length > 0) out['properties'] = converted;
    const required = (schema['required'] as string[] | undefined)?.filter(
      (key) => key in converted,
    );
    if (required?.length) out['required'] = required;
  }
  if (target === geminiType.ARRAY) {
    const items = schema['items'];
    if (items && typeof items === 'object' && !Array.isArray(items)) {
      out['items'] = convert(items as JsonSchema, {
        ...context,
        field: `${context.field}.items`,
        depth: context.depth + 1,
      });
    } else fail(context, 'is an array without a single "items" schema, which Gemini requires');
    copyNumber(schema, out, 'minItems');
    copyNumber(schema, out, 'maxItems');
  }
  if (target === geminiType.NUMBER || target === geminiType.INTEGER) {
    copyNumber(schema, out, 'minimum');
    copyNumber(schema, out, 'maximum');
  }
  return out as unknown as Schema;
}

function without(schema: JsonSchema, key: string): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => k !== key));
}

/** Copies a numeric bound, but not the ±2^53 bounds zod puts on every `.int()`. */
function copyNumber(from: JsonSchema, to: Record<string, unknown>, key: string): void {
  const value = from[key];
  if (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER) to[key] = value;
}

function fail(context: Context, message: string): never {
  throw new InvalidRequestError({
    field: context.field,
    message: `${message} (converting to a Gemini schema)`,
  });
}
