import { anthropicMessage, AnthropicEventEncoder } from './anthropic-messages-response.js';
import { readAnthropicMessages } from './anthropic-messages-request.js';
import type { ChatFormat } from './run-chat.js';

/** Anthropic's Messages API, as the chat runner reads and writes it. */
export const anthropicFormat: ChatFormat = {
  read: readAnthropicMessages,
  json: (result) => anthropicMessage(result),
  encoder: (requestId, model) => new AnthropicEventEncoder(`msg_${requestId}`, model),
};
