import type {
  NeutralAnswer,
  NeutralFinishReason,
  NeutralToolCall,
  NeutralUsage,
} from '../../brain/neutral.js';
import type { ReplyContext } from '../codec.js';

/** Anthropic's `stop_reason` for a neutral finish reason. */
export function anthropicStopReason(reason: NeutralFinishReason): string {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'stop-sequence':
      return 'stop_sequence';
    default:
      return 'end_turn';
  }
}

/**
 * Anthropic's usage: `input_tokens` excludes the tokens read from and written to the cache;
 * `cache_creation` splits the writes by lifetime (5-minute, 1-hour). Thinking is part of
 * `output_tokens`.
 */
export function anthropicUsage(usage: NeutralUsage): Record<string, unknown> {
  const writes = usage.cacheWriteInputTokens ?? 0;
  const writes1h = Math.min(writes, usage.cacheWrite1hInputTokens ?? 0);
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cachedInputTokens - writes),
    cache_creation_input_tokens: writes,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: writes - writes1h,
      ephemeral_1h_input_tokens: writes1h,
    },
    output_tokens: usage.outputTokens,
    service_tier: 'standard',
  };
}

/** The message id of a response. */
export function messageId(ctx: ReplyContext): string {
  return `msg_fake${String(ctx.seq).padStart(16, '0')}`;
}

/** Anthropic's tool_use id for a neutral call. */
export function toolUseId(call: NeutralToolCall): string {
  return `toolu_${call.id}`;
}

/** The content blocks of an answer: a text block (when there is text), then tool_use blocks. */
export function anthropicContent(answer: NeutralAnswer): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (answer.text) blocks.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls)
    blocks.push({ type: 'tool_use', id: toolUseId(call), name: call.name, input: call.args });
  return blocks;
}

/** An Anthropic `message` object. */
export function anthropicMessageJson(
  answer: NeutralAnswer,
  ctx: ReplyContext,
): Record<string, unknown> {
  return {
    id: messageId(ctx),
    type: 'message',
    role: 'assistant',
    model: ctx.model,
    content: anthropicContent(answer),
    stop_reason: anthropicStopReason(answer.finishReason),
    stop_sequence: answer.stopSequence ?? null,
    usage: anthropicUsage(answer.usage),
  };
}
