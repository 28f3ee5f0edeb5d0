import type { Schema } from './neutral.js';
import { keywords } from './words.js';

/** Values found in the prompt that may fill string and number slots, consumed in order. */
export interface PromptValues {
  strings: string[];
  numbers: number[];
  text: string;
}

/** Picks strings (quoted text, capitalised words after a sentence's start) and numbers from a prompt. */
export function promptValues(text: string): PromptValues {
  const strings: string[] = [];
  for (const m of text.matchAll(/["“']([^"”'\n]{1,80})["”']/g)) strings.push(m[1] as string);
  const unquoted = text.replace(/["“']([^"”'\n]{1,80})["”']/g, ' , ');
  for (const m of unquoted.matchAll(
    /(?<![.!?]\s|^)(?<=\s)(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)*)/gu,
  )) {
    const value = m[1] as string;
    if (!strings.includes(value)) strings.push(value);
  }
  const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  return { strings, numbers, text };
}

/** Builds a JSON value that satisfies a JSON Schema (or Gemini's OpenAPI subset). */
export function valueForSchema(schema: Schema, values: PromptValues, name = 'value'): unknown {
  return new SchemaFiller(schema, values).fill(schema, name, 0);
}

class SchemaFiller {
  constructor(
    private readonly root: Schema,
    private readonly values: PromptValues,
  ) {}

  fill(input: Schema, name: string, depth: number): unknown {
    const schema = this.resolve(input);
    if (depth > 8) return null;
    if ('const' in schema) return schema['const'];
    if (Array.isArray(schema['enum']) && schema['enum'].length > 0)
      return this.pickEnum(schema['enum']);
    const union = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
    if (Array.isArray(union) && union.length > 0) {
      const option = union.find((s) => typeOf(this.resolve(s)) !== 'null') ?? union[0];
      return this.fill(option as Schema, name, depth + 1);
    }
    if (Array.isArray(schema['allOf'])) {
      const merged = (schema['allOf'] as Schema[]).reduce<Schema>(
        (acc, s) => mergeSchemas(acc, this.resolve(s)),
        {},
      );
      return this.fill(merged, name, depth + 1);
    }
    switch (typeOf(schema)) {
      case 'object':
        return this.object(schema, depth);
      case 'array':
        return this.array(schema, name, depth);
      case 'string':
        return this.string(schema, name);
      case 'integer':
        return this.number(schema, true);
      case 'number':
        return this.number(schema, false);
      case 'boolean':
        return true;
      case 'null':
        return null;
      default:
        return this.string(schema, name);
    }
  }

  private resolve(schema: Schema): Schema {
    const ref = schema['$ref'];
    if (typeof ref !== 'string' || !ref.startsWith('#')) return schema;
    let node: unknown = this.root;
    for (const part of ref.slice(2).split('/').filter(Boolean))
      node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(part)];
    return typeof node === 'object' && node !== null ? this.resolve(node as Schema) : {};
  }

  private object(schema: Schema, depth: number): Record<string, unknown> {
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(properties)) out[key] = this.fill(sub, key, depth + 1);
    return out;
  }

  private array(schema: Schema, name: string, depth: number): unknown[] {
    const items = (schema['items'] ?? {}) as Schema;
    const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
    const max = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Math.max(min, 1);
    const length = Math.min(Math.max(min, 1), max);
    return Array.from({ length }, () => this.fill(items, name, depth + 1));
  }

  private pickEnum(options: unknown[]): unknown {
    const asked = new Set(keywords(this.values.text));
    return options.find((o) => typeof o === 'string' && asked.has(o.toLowerCase())) ?? options[0];
  }

  private string(schema: Schema, name: string): string {
    const format = schema['format'];
    let value: string;
    if (format === 'date') value = '2024-01-01';
    else if (format === 'date-time') value = '2024-01-01T00:00:00Z';
    else if (format === 'time') value = '00:00:00';
    else if (format === 'email') value = 'user@example.com';
    else if (format === 'uri' || format === 'url') value = 'https://example.com';
    else if (format === 'uuid') value = '00000000-0000-4000-8000-000000000000';
    else value = this.values.strings.shift() ?? `${name}`;
    const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
    const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
    if (value.length < min) value = value.padEnd(min, 'x');
    if (value.length > max) value = value.slice(0, max);
    return value;
  }

  private number(schema: Schema, integer: boolean): number {
    let value = this.values.numbers.shift() ?? 1;
    if (integer) value = Math.round(value);
    const min =
      num(schema['minimum']) ??
      (num(schema['exclusiveMinimum']) ?? -Infinity) + (integer ? 1 : 0.5);
    const max =
      num(schema['maximum']) ?? (num(schema['exclusiveMaximum']) ?? Infinity) - (integer ? 1 : 0.5);
    if (value < min) value = integer ? Math.ceil(min) : min;
    if (value > max) value = integer ? Math.floor(max) : max;
    const step = num(schema['multipleOf']);
    if (step) value = Math.ceil(value / step) * step;
    return value;
  }
}

/** The schema's type, lower-cased (Gemini sends 'OBJECT', 'STRING', …); the first non-null of a list. */
export function typeOf(schema: Schema): string | undefined {
  const type = schema['type'];
  if (Array.isArray(type)) {
    const first = type.find((t) => String(t).toLowerCase() !== 'null') ?? type[0];
    return first === undefined ? undefined : String(first).toLowerCase();
  }
  if (typeof type === 'string') return type.toLowerCase();
  if (schema['properties']) return 'object';
  if (schema['items']) return 'array';
  return undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  const properties = {
    ...((a['properties'] ?? {}) as object),
    ...((b['properties'] ?? {}) as object),
  };
  return { ...a, ...b, ...(Object.keys(properties).length > 0 ? { properties } : {}) };
}
