import { createHash } from 'node:crypto';
import { type ChatRequest, isZodSchema, toJsonSchema } from '@modelmux/core';

/** JSON with object keys sorted, so that equal requests give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (isZodSchema(v)) return toJsonSchema(v);
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

/**
 * The cache key of a request: a SHA-256 over what decides the answer (messages, model,
 * parameters, tools, tool choice, response format, provider options) and where it was routed
 * (a pinned provider, a strategy override). Metadata and the abort signal are left out.
 */
export function cacheKey(
  request: ChatRequest,
  route: { provider: string | undefined; strategy: string | undefined },
): string {
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
    route,
  };
  return createHash('sha256').update(stableJson(decisive)).digest('base64url');
}
