import type { FinishReason } from '@modelmux/core';

/**
 * Maps a Gemini `finishReason` to a finish reason: STOP → `stop` (`tool-calls` when the answer
 * holds function calls), MAX_TOKENS → `length`, SAFETY / RECITATION / BLOCKLIST /
 * PROHIBITED_CONTENT / SPII / IMAGE_SAFETY → `content-filter`, MALFORMED_FUNCTION_CALL → `error`,
 * anything else → `other`. A prompt blocked by `promptFeedback.blockReason` → `content-filter`.
 */
export function mapGoogleFinishReason(
  finishReason: string | undefined,
  options: { hasToolCalls?: boolean; blockReason?: string | undefined } = {},
): FinishReason {
  if (finishReason === undefined && options.blockReason) return 'content-filter';
  switch (finishReason) {
    case 'STOP':
      return options.hasToolCalls ? 'tool-calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content-filter';
    case 'MALFORMED_FUNCTION_CALL':
      return 'error';
    default:
      return options.hasToolCalls ? 'tool-calls' : 'other';
  }
}
