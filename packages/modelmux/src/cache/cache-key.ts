import { createHash } from 'node:crypto';
import { type ChatRequest, isZodSchema, toJsonSchema } from '@modelmux/core';

/**
 * A number per zod schema object, for this process. Two zod schemas with the same JSON Schema
 * may differ in what the JSON Schema cannot say (refinements, transforms, defaults), and their
 * answers' `object`s differ with them: a schema object keys only its own entries.
 */
const schemaIds = new WeakMap<object, number>();
let nextSchemaId = 0;

function zodKey(schema: object): { zod: number; jsonSchema: unknown } {
  let id = schemaIds.get(schema);
  if (id === undefined) {
    id = ++nextSchemaId;
    schemaIds.set(schema, id);
  }
  return { zod: id, jsonSchema: toJsonSchema(schema as never) };
}

/** JSON with object keys sorted, so that equal requests give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (isZodSchema(v)) return zodKey(v);
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

/** Whether a key may be shared beyond this process (a zod schema's key may not: see `zodKey`). */
export interface CacheKey {
  key: string;
  /** False when the request holds a zod schema (its identity is part of the key). */
  portable: boolean;
}

function usesZod(request: ChatRequest): boolean {
  const schema =
    request.responseFormat?.type === 'json' ? request.responseFormat.schema : undefined;
  return (
    (schema !== undefined && isZodSchema(schema)) ||
    (request.tools?.some((tool) => isZodSchema(tool.parameters)) ?? false)
  );
}

/**
 * The cache key of a request: a SHA-256 over everything that decides the answer or may shape what
 * is sent (messages, model, parameters, tools, tool choice, response format, provider options and
 * the metadata, which hooks may turn into per-tenant context) and where it was routed (a pinned
 * provider, a strategy override). Only the abort signal is left out. A zod schema keys by its
 * identity as well as its JSON Schema (refinements and transforms are part of the answer).
 */
export function cacheKey(
  request: ChatRequest,
  route: { provider: string | undefined; strategy: string | undefined },
): CacheKey {
  const decisive = {
    messages: request.messages,
    model: request.model,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    topP: request.topP,
    stop: request.stop,
    tools: request.tools,
    toolChoice: request.toolChoice,
    responseFormat: request.responseFormat,
    providerOptions: request.providerOptions,
    metadata: request.metadata,
    route,
  };
  return {
    key: createHash('sha256').update(stableJson(decisive)).digest('base64url'),
    portable: !usesZod(request),
  };
}
