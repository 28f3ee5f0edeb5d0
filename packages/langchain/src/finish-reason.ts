import type { FinishReason } from '@modelmux/core';

/** modelmux's finish reason in the words LangChain's OpenAI-style `finish_reason` uses. */
export function toFinishReason(reason: FinishReason): string {
  switch (reason) {
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return reason;
  }
}
