import type { NeutralAnswer, NeutralChatRequest, NeutralEmbedRequest } from '../brain/neutral.js';
import type { FakeErrorType, FakeProviderName } from '../types.js';

/** A chat route: the model and whether the answer streams. */
export interface ChatRoute {
  kind: 'chat';
  model: string;
  stream: boolean;
}

/** An embeddings route (`batch` for Gemini's batchEmbedContents). */
export interface EmbedRoute {
  kind: 'embed';
  model: string;
  batch: boolean;
}

/** A model list route. */
export interface ModelsRoute {
  kind: 'models';
}

/** What a request path asks for. */
export type Route = ChatRoute | EmbedRoute | ModelsRoute;

/** An error to write, vendor-neutral. */
export interface ErrorSpec {
  type: FakeErrorType;
  /** Overrides the vendor's status for `type`. */
  status?: number;
  retryAfter?: number;
  retryAfterMs?: number;
  message?: string;
}

/** A complete HTTP reply. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Per-response facts: a sequence number and the time, for ids and `created`. */
export interface ReplyContext {
  seq: number;
  now: number;
  /** The model the request named. */
  model: string;
}

/** One vendor's wire format: parses its requests into the neutral view and writes neutral answers. */
export interface VendorCodec {
  provider: FakeProviderName;
  /** Headers every response carries (request ids). */
  headers(ctx: ReplyContext): Record<string, string>;
  parseChat(body: unknown, route: ChatRoute): NeutralChatRequest;
  chatJson(answer: NeutralAnswer, request: NeutralChatRequest, ctx: ReplyContext): unknown;
  /** The SSE events of a streamed answer, each a complete `event:`/`data:` block ending in a blank line. */
  chatEvents(
    answer: NeutralAnswer,
    request: NeutralChatRequest,
    body: unknown,
    ctx: ReplyContext,
  ): string[];
  parseEmbed(body: unknown, route: EmbedRoute): NeutralEmbedRequest;
  embedJson(
    vectors: number[][],
    request: NeutralEmbedRequest,
    body: unknown,
    route: EmbedRoute,
  ): unknown;
  models(ctx: ReplyContext): unknown;
  error(spec: ErrorSpec, ctx: ReplyContext): HttpReply;
  /** An error sent inside an already-started stream. */
  streamError(spec: ErrorSpec, ctx: ReplyContext): string;
  /** An SSE event whose data is not JSON. */
  malformedEvent(): string;
}

/** Formats one SSE block. */
export function sse(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** Splits a text into stream fragments of a few words each (never empty when the text is not). */
export function fragments(text: string, size = 12): string[] {
  const parts = text.match(/\S*\s*/g)?.filter((p) => p.length > 0) ?? [];
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    current += part;
    if (current.length >= size) {
      out.push(current);
      current = '';
    }
  }
  if (current.length > 0 || out.length === 0) out.push(current);
  return out;
}

/** Splits a string into chunks of `size` characters. */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

/** The record behind an unknown value, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The array behind an unknown value, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The error type a bare HTTP status stands for. */
export function errorTypeForStatus(status: number): FakeErrorType {
  if (status === 401) return 'auth';
  if (status === 402) return 'quota';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}
