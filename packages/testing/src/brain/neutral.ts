import type { FakeReply } from '../types.js';

/** A JSON Schema as the brain reads it (OpenAPI-style upper-case types are accepted too). */
export type Schema = Record<string, unknown>;

/** One message of a conversation, vendor-neutral. */
export interface NeutralMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  toolCalls?: { name: string; args: unknown }[];
  /** For `tool` messages: the result text. */
  toolResult?: string;
}

/** A tool offered to the model. */
export interface NeutralTool {
  name: string;
  description?: string;
  schema: Schema;
}

/** What the request allows for tools. */
export type NeutralToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** A chat request, vendor-neutral. */
export interface NeutralChatRequest {
  model: string;
  messages: NeutralMessage[];
  tools: NeutralTool[];
  toolChoice: NeutralToolChoice;
  /** Set when JSON output was asked for; `schema` when one was given. */
  json?: { schema?: Schema };
  maxTokens?: number;
  stopSequences?: string[];
  stream: boolean;
  /** Characters of input the request marked as cacheable (0 when it asked for no caching). */
  cacheableChars: number;
}

/** Finish reasons the fake can answer with. */
export type NeutralFinishReason =
  'stop' | 'length' | 'tool-calls' | 'content-filter' | 'stop-sequence';

/** A tool call the fake answers with. */
export interface NeutralToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** Token usage of an answer. */
export interface NeutralUsage {
  /** All input tokens, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Prompt-cache writes (part of `inputTokens`, apart from the reads). */
  cacheWriteInputTokens?: number;
  /** The 1-hour part of `cacheWriteInputTokens`. */
  cacheWrite1hInputTokens?: number;
  /** Reasoning tokens (part of `outputTokens`). */
  reasoningTokens?: number;
  /** The service tier named in the response (OpenAI). */
  serviceTier?: string;
}

/** The answer the brain decided on, vendor-neutral. */
export interface NeutralAnswer {
  /** The text (null when the answer is only tool calls or was filtered). */
  text: string | null;
  toolCalls: NeutralToolCall[];
  finishReason: NeutralFinishReason;
  /** The stop sequence that ended the text, for `stop-sequence`. */
  stopSequence?: string;
  usage: NeutralUsage;
  /** The refusal text, when the model refused (finish reason `content-filter`). */
  refusal?: string;
  /** A second choice sent unasked (OpenAI-style wire only). */
  secondChoice?: string;
}

/** An embedding request, vendor-neutral. */
export interface NeutralEmbedRequest {
  model: string;
  inputs: string[];
  dimensions: number;
}

/** What the brain is asked to do for a chat request beyond the default. */
export interface AnswerOverrides {
  reply?: FakeReply;
  contentFilter?: boolean;
  /** The model refuses with this text (OpenAI/Groq `refusal`; others see a content filter). */
  refusal?: string;
}
