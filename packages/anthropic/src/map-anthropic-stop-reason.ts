import type { FinishReason } from '@modelmux/core';

/**
 * Maps Anthropic's `stop_reason` to a finish reason. `tool_use` is `tool-calls`, except when
 * the only tool called carried the structured output (`jsonOutput`): then the answer is whole
 * and the reason is `stop`.
 */
export function mapAnthropicStopReason(
  stopReason: string | null | undefined,
  options: { jsonOutput?: boolean } = {},
): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return options.jsonOutput ? 'stop' : 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
