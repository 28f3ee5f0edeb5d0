import { randomUUID } from 'node:crypto';
import { type RequestMetadata, routingStrategies } from '@modelmux/core';
import { badRequest } from './http-error.js';
import type { HandlerContext } from './handler-types.js';
import type { ModelTarget } from './resolve-model.js';

/**
 * This request's id: the server's (context), else the client's `x-request-id` (up to 128
 * characters), else a new UUID.
 */
export function requestIdOf(headers: Headers, context: HandlerContext | undefined): string {
  const fromClient = headers.get('x-request-id');
  return (
    context?.hints?.requestId ??
    (fromClient !== null && fromClient !== '' && fromClient.length <= 128
      ? fromClient
      : randomUUID())
  );
}

/** What routing and budgets read from one request: strategy and metadata. */
export interface RouteHints {
  strategy: string | undefined;
  metadata: RequestMetadata | undefined;
}

/** The caller's data from the body: OpenAI `user` and `metadata`, Anthropic `metadata.user_id`. */
export interface BodyHints {
  user?: unknown;
  metadata?: unknown;
}

const strategies: ReadonlySet<string> = new Set(routingStrategies);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerMetadata(headers: Headers): Record<string, unknown> | undefined {
  const raw = headers.get('x-modelmux-metadata');
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed))
    throw badRequest('x-modelmux-metadata', 'must be a JSON object, e.g. {"team":"search"}');
  return parsed;
}

function bodyMetadata(body: BodyHints): Record<string, unknown> | undefined {
  if (body.metadata === undefined || body.metadata === null) return undefined;
  if (!isObject(body.metadata))
    throw badRequest('metadata', 'must be an object of key/value pairs');
  return body.metadata;
}

function userOf(
  body: BodyHints,
  metadata: Record<string, unknown> | undefined,
): string | undefined {
  if (body.user !== undefined && body.user !== null) {
    if (typeof body.user !== 'string') throw badRequest('user', 'must be a string');
    return body.user;
  }
  // Anthropic's `metadata.user_id`.
  const anthropicUser = metadata?.['user_id'];
  return typeof anthropicUser === 'string' ? anthropicUser : undefined;
}

function checkStrategy(value: string | undefined, field: string): string | undefined {
  if (value === undefined || strategies.has(value)) return value;
  throw badRequest(field, `must be one of ${[...strategies].join(', ')}`);
}

/**
 * Merges the routing hints: body (`user`, `metadata`) < headers (`x-modelmux-strategy`,
 * `x-modelmux-user`, `x-modelmux-tags`, `x-modelmux-metadata`, `x-modelmux-session` →
 * `metadata.sessionId` for session affinity) < the model id's
 * strategy < the server's context (a virtual key's user, tags and metadata win).
 */
export function readHints(
  headers: Headers,
  body: BodyHints,
  target: ModelTarget | undefined,
  context: HandlerContext | undefined,
): RouteHints {
  const fromBody = bodyMetadata(body);
  const fromHeader = headerMetadata(headers);
  const hints = context?.hints;
  const metadata: RequestMetadata = { ...fromBody, ...fromHeader, ...hints?.metadata };
  delete metadata['user_id'];
  const userId = hints?.userId ?? headers.get('x-modelmux-user') ?? userOf(body, fromBody);
  if (userId !== undefined && userId !== '') metadata.userId = userId;
  const tagHeader = headers.get('x-modelmux-tags');
  const tags =
    hints?.tags ??
    (tagHeader === null
      ? undefined
      : tagHeader
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== ''));
  const session = headers.get('x-modelmux-session');
  if (session !== null && session !== '' && hints?.metadata?.['sessionId'] === undefined)
    metadata.sessionId = session;
  if (tags !== undefined && tags.length > 0) metadata.tags = tags;
  else if (metadata.tags !== undefined && !Array.isArray(metadata.tags)) delete metadata.tags;
  const strategy =
    checkStrategy(hints?.strategy, 'hints.strategy') ??
    checkStrategy(headers.get('x-modelmux-strategy') ?? undefined, 'x-modelmux-strategy') ??
    target?.strategy;
  return {
    strategy,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}
