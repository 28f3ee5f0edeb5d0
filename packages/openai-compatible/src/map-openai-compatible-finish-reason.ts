import type { FinishReason } from '@modelmux/core';

/** Maps a chat completion's `finish_reason` to a modelmux finish reason. */
export function mapOpenAICompatibleFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
