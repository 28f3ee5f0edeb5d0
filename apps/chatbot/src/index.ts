// @modelmux/app-chatbot: a streaming terminal chat routed by message complexity (the user's
// design's MultiProviderChatbot), with memory trimmed to the model's context window.
export {
  createChatbot,
  chatCommands,
  contextWindowProblem,
  defaultSystemPrompt,
  minimumConversationTokens,
} from './chatbot.js';
export type {
  Chatbot,
  ChatbotOptions,
  ChatbotOutput,
  ChatStats,
  ChatTurn,
  HandleResult,
} from './chatbot-types.js';
export { ConversationMemory, countMessageTokens, type FitReport } from './memory.js';
export { formatTurnLine, formatProviders, formatStats, formatUsd, routedBy } from './format.js';
export { runChat, type RunChatOptions } from './run-chat.js';
export { chatVias, type ChatVia } from './turn-stream.js';
