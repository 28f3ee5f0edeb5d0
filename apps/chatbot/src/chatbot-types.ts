import type { Usage } from '@modelmux/core';
import type { ComplexityOptions } from '@modelmux/router';
import type { ProviderFactory } from 'modelmux';
import type { ConversationMemory } from './memory.js';
import type { ChatVia } from './turn-stream.js';

/** Where the chatbot writes: a stream such as `process.stdout`, or a function. */
export type ChatbotOutput = { write(text: string): unknown } | ((text: string) => void);

/** Options of {@link createChatbot}. */
export interface ChatbotOptions {
  /** The modelmux factory every turn goes through. */
  factory: ProviderFactory;
  /** Where answers (token by token), turn lines and command output go. */
  output: ChatbotOutput;
  /** The routing strategy of each turn (default `'complexity'`, the design's MultiProviderChatbot). */
  strategy?: string;
  /** A provider to start pinned to (`/use`); default none (routed). */
  provider?: string;
  /** The system prompt (default: a short assistant prompt; `''` for none). */
  system?: string;
  /** Largest answer, in tokens (default 512); reserved out of the context window. */
  maxTokens?: number;
  /**
   * The context window to trim memory to, in tokens. Default: the catalogue's context window of
   * the pinned provider's model, or the smallest among the providers routing may pick.
   */
  contextWindow?: number;
  /** The complexity classifier's settings, to match the factory's `complexity` config. */
  complexity?: ComplexityOptions;
  /**
   * How turns reach the factory: `'modelmux'` (its `stream()`, the default) or `'ai-sdk'` (the
   * Vercel AI SDK's `streamText` on the `@modelmux/ai-sdk` drop-in). Routing is the same.
   */
  via?: ChatVia;
  /** Called after each answered (or stopped) turn. */
  onTurn?: (turn: ChatTurn) => void;
}

/** One answered turn. */
export interface ChatTurn {
  /** 1-based. */
  n: number;
  provider: string;
  model: string;
  /** The strategy the turn was routed by. */
  strategy: string;
  /** With the complexity strategy: the class of the message and the strategy it maps to. */
  complexity?: { class: 'simple' | 'medium' | 'complex'; strategy: string };
  /** The provider pinned with `/use`, if any. */
  pinned?: string;
  /** Wall time from sending to the last token, ms. */
  latencyMs: number;
  /** Zero for a stopped answer (the vendor's usage comes with the finish event). */
  usage: Pick<Usage, 'inputTokens' | 'outputTokens'>;
  /** USD; undefined when the model's price is unknown, or the answer was stopped. */
  costUsd: number | undefined;
  /** Providers that failed before the answer came (`openai (rate_limit)`), in order. */
  fallbacks: string[];
  /** The answer's text (what was shown; for a stopped turn, the part before the stop). */
  text: string;
  /** True when the answer was stopped (Ctrl-C, an aborted signal). */
  stopped: boolean;
  /** Memory after the turn: messages kept, their tokens, messages dropped to fit this turn. */
  memory: { messages: number; tokens: number; dropped: number };
}

/** What one line did. */
export type HandleResult =
  | { type: 'empty' }
  | { type: 'command'; command: string; ok: boolean }
  | { type: 'quit' }
  | { type: 'answer'; turn: ChatTurn }
  | { type: 'stopped'; turn: ChatTurn }
  | { type: 'error'; error: Error };

/** `/stats`: the conversation so far. */
export interface ChatStats {
  turns: number;
  stopped: number;
  errors: number;
  /** Tokens and USD of the completed answers (a stopped answer's usage is unknown). */
  inputTokens: number;
  outputTokens: number;
  /** USD over the completed answers; undefined when a price was unknown. */
  costUsd: number | undefined;
  strategy: string;
  pinned: string | undefined;
  byProvider: Record<string, { turns: number; costUsd: number | undefined }>;
  memory: {
    messages: number;
    tokens: number;
    dropped: number;
    contextWindow: number;
    reservedForAnswer: number;
    budget: number;
  };
}

/** A terminal chatbot over a modelmux factory. */
export interface Chatbot {
  /**
   * Handles one line: a command (`/stats`, `/providers`, `/use <provider>`, `/strategy <name>`,
   * `/clear`, `/help`, `/quit`) or a message, whose answer is streamed to the output. Aborting
   * `signal` stops the answer (the turn ends as `stopped`); the chatbot keeps going. Never throws
   * for a provider failure: it is written to the output and returned as `{ type: 'error' }`.
   * One message at a time: wait for a turn before sending the next (`runChat` does).
   */
  handle(line: string, options?: { signal?: AbortSignal }): Promise<HandleResult>;
  /** The routing strategy of the next turn. */
  readonly strategy: string;
  /** The pinned provider, if any. */
  readonly provider: string | undefined;
  /** The conversation, trimmed to the context window. */
  readonly memory: ConversationMemory;
  stats(): ChatStats;
  /** Stops listening to the factory's events (does not close the factory). */
  close(): void;
}
