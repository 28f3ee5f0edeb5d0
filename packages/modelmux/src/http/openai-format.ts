import { openAIChatCompletion, OpenAIChunkEncoder } from './openai-chat-response.js';
import { readOpenAIChat } from './openai-chat-request.js';
import type { ChatFormat } from './run-chat.js';

/** OpenAI's chat completions, as the chat runner reads and writes them. */
export const openAIFormat: ChatFormat = {
  read: readOpenAIChat,
  json: (result) => openAIChatCompletion(result),
  encoder: (requestId, model, includeUsage) =>
    new OpenAIChunkEncoder(`chatcmpl-${requestId}`, model, includeUsage),
};
