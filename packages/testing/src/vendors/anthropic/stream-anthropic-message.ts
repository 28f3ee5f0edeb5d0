import type { NeutralAnswer } from '../../brain/neutral.js';
import { chunks, fragments, sse, type ReplyContext } from '../codec.js';
import {
  anthropicStopReason,
  anthropicUsage,
  messageId,
  toolUseId,
} from './write-anthropic-message.js';

/**
 * The named SSE events of a streamed message: `message_start`, per block `content_block_start`,
 * deltas (`text_delta`, or `input_json_delta` with `partial_json` fragments), `content_block_stop`,
 * a `ping` after the first block starts, then `message_delta` (stop reason, usage) and `message_stop`.
 */
export function anthropicMessageEvents(answer: NeutralAnswer, ctx: ReplyContext): string[] {
  const usage = anthropicUsage(answer.usage);
  const deltaUsage = { ...usage };
  delete deltaUsage['service_tier'];
  const events: string[] = [
    sse(
      {
        type: 'message_start',
        message: {
          id: messageId(ctx),
          type: 'message',
          role: 'assistant',
          model: ctx.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
      'message_start',
    ),
  ];
  let index = 0;
  const start = (block: Record<string, unknown>) => {
    events.push(
      sse({ type: 'content_block_start', index, content_block: block }, 'content_block_start'),
    );
    if (index === 0) events.push(sse({ type: 'ping' }, 'ping'));
  };
  const delta = (d: Record<string, unknown>) =>
    events.push(sse({ type: 'content_block_delta', index, delta: d }, 'content_block_delta'));
  const stop = () =>
    events.push(sse({ type: 'content_block_stop', index: index++ }, 'content_block_stop'));
  if (answer.text) {
    start({ type: 'text', text: '' });
    for (const part of fragments(answer.text)) delta({ type: 'text_delta', text: part });
    stop();
  }
  for (const call of answer.toolCalls) {
    start({ type: 'tool_use', id: toolUseId(call), name: call.name, input: {} });
    delta({ type: 'input_json_delta', partial_json: '' });
    for (const part of chunks(JSON.stringify(call.args), 16))
      delta({ type: 'input_json_delta', partial_json: part });
    stop();
  }
  events.push(
    sse(
      {
        type: 'message_delta',
        delta: {
          stop_reason: anthropicStopReason(answer.finishReason),
          stop_sequence: answer.stopSequence ?? null,
        },
        usage: deltaUsage,
      },
      'message_delta',
    ),
  );
  events.push(sse({ type: 'message_stop' }, 'message_stop'));
  return events;
}
