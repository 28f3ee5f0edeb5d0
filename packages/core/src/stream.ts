import type { FinishReason } from './chat.js';
import type { ToolCall } from './messages.js';
import type { Usage } from './usage.js';
import type { RateLimitInfo } from './engine/rate-limit-info.js';

/** A piece of answer text. */
export interface TextDeltaEvent {
  type: 'text-delta';
  text: string;
}

/** A piece of a tool call being streamed; `index` tells parallel calls apart. */
export interface ToolCallDeltaEvent {
  type: 'tool-call-delta';
  index: number;
  id?: string;
  name?: string;
  argsDelta: string;
}

/** A complete tool call, emitted once its arguments are whole. */
export interface ToolCallEvent {
  type: 'tool-call';
  toolCall: ToolCall;
}

/** The last event of every successful stream. */
export interface FinishEvent {
  type: 'finish';
  finishReason: FinishReason;
  usage: Usage;
  provider: string;
  model: string;
  costUsd: number | undefined;
  /** The parsed (and, with a zod schema, validated) JSON of a `{ type: 'json' }` request. */
  object?: unknown;
  /** True when the vendor sent no usage and `usage` is an estimate. */
  usageEstimated?: boolean;
  /** The vendor's remaining quota after this call, where it sends rate-limit headers. */
  rateLimit?: RateLimitInfo;
}

/**
 * What a stream yields. Failures are thrown by the iterator as typed errors
 * (`ProviderError`, or `StreamInterruptedError` once text has been emitted); a stream that
 * ends without a `finish` event has been truncated.
 */
export type StreamEvent = TextDeltaEvent | ToolCallDeltaEvent | ToolCallEvent | FinishEvent;
