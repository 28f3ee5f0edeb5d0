import type {
  BaseChatModelCallOptions,
  BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { ResponseFormat } from '@modelmux/core';

/** modelmux's routing hints for a call: they reach routing, budgets and A/B tests, never a vendor. */
export interface ModelmuxHints {
  /** Route this call with this strategy (`'cost'`, `'quality'`, …) instead of the model id's. */
  strategy?: string;
  /** The caller, for per-user budgets, rate limits and experiments. */
  userId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
  /** This request's id (default: a random UUID); `response_metadata.modelmux.requestId`. */
  requestId?: string;
}

/** `ChatModelmux`'s call options: LangChain's, plus tools, a response format and routing hints. */
export interface ChatModelmuxCallOptions extends BaseChatModelCallOptions {
  /** Tools the model may call (what `bindTools` sets), sent to whichever provider answers. */
  tools?: BindToolsInput[];
  /** JSON output, with or without a schema (what `withStructuredOutput` sets for the JSON methods). */
  responseFormat?: ResponseFormat;
  /** Routing hints for this call, merged over the model's own. */
  modelmux?: ModelmuxHints;
}
