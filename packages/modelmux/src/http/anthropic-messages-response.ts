import type { FinishReason, StreamEvent, Usage } from '@modelmux/core';
import type { RoutedResult } from '../routed-result.js';
import { errorBody, type HttpError } from './http-error.js';
import { objectText, type StreamEncoder, ToolCallSlots } from './stream-encoder.js';

/** modelmux's finish reason as Anthropic's `stop_reason`. */
export function anthropicStopReason(reason: FinishReason): string {
  if (reason === 'length') return 'max_tokens';
  if (reason === 'tool-calls') return 'tool_use';
  if (reason === 'content-filter') return 'refusal';
  return 'end_turn';
}

/** modelmux's usage as Anthropic's `usage`. */
export function anthropicUsage(usage: Usage): Record<string, number> {
  const cached = usage.cachedInputTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - cached,
    output_tokens: usage.outputTokens,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: 0,
  };
}

/** A routed result as an Anthropic `message`. */
export function anthropicMessage(result: RoutedResult): unknown {
  const text =
    result.text === '' && result.object !== undefined ? JSON.stringify(result.object) : result.text;
  const content: unknown[] = [];
  if (text !== '') content.push({ type: 'text', text });
  for (const call of result.toolCalls)
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args ?? {} });
  return {
    id: `msg_${result.requestId}`,
    type: 'message',
    role: 'assistant',
    model: result.model,
    content,
    stop_reason: anthropicStopReason(result.finishReason),
    stop_sequence: null,
    usage: anthropicUsage(result.usage),
  };
}

const event = (name: string, value: unknown): string =>
  `event: ${name}\ndata: ${JSON.stringify(value)}\n\n`;

/** Writes Anthropic's named SSE events: message_start, content blocks, message_delta, message_stop. */
export class AnthropicEventEncoder implements StreamEncoder {
  private readonly slots = new ToolCallSlots();
  /** Block index of each tool slot. */
  private readonly toolBlocks = new Map<number, number>();
  private blocks = 0;
  private open: { index: number; kind: 'text' | 'tool' } | undefined;
  private textSent = false;

  constructor(
    private readonly id: string,
    private readonly model: string,
  ) {}

  start(): string {
    return (
      event('message_start', {
        type: 'message_start',
        message: {
          id: this.id,
          type: 'message',
          role: 'assistant',
          model: this.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      }) + event('ping', { type: 'ping' })
    );
  }

  private close(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return event('content_block_stop', { type: 'content_block_stop', index });
  }

  private text(text: string): string {
    let out = '';
    if (this.open?.kind !== 'text') {
      out += this.close();
      this.open = { index: this.blocks++, kind: 'text' };
      out += event('content_block_start', {
        type: 'content_block_start',
        index: this.open.index,
        content_block: { type: 'text', text: '' },
      });
    }
    this.textSent = true;
    return (
      out +
      event('content_block_delta', {
        type: 'content_block_delta',
        index: this.open.index,
        delta: { type: 'text_delta', text },
      })
    );
  }

  private toolStart(slot: number, id: string, name: string): string {
    const out = this.close();
    const index = this.blocks++;
    this.toolBlocks.set(slot, index);
    this.open = { index, kind: 'tool' };
    return (
      out +
      event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id, name, input: {} },
      })
    );
  }

  private json(slot: number, partial: string): string {
    if (partial === '') return '';
    return event('content_block_delta', {
      type: 'content_block_delta',
      index: this.toolBlocks.get(slot),
      delta: { type: 'input_json_delta', partial_json: partial },
    });
  }

  event(e: StreamEvent): string {
    switch (e.type) {
      case 'text-delta':
        return e.text === '' ? '' : this.text(e.text);
      case 'tool-call-delta': {
        const { slot, fresh } = this.slots.delta(e.index, e.id, e.name);
        const head = fresh ? this.toolStart(slot.index, slot.id, slot.name) : '';
        return head + this.json(slot.index, e.argsDelta);
      }
      case 'tool-call': {
        const slot = this.slots.complete(e.toolCall);
        if (!slot) return '';
        return (
          this.toolStart(slot.index, slot.id, slot.name) + this.json(slot.index, e.toolCall.rawArgs)
        );
      }
      case 'finish': {
        const json = objectText(e, this.textSent);
        return (
          (json === undefined ? '' : this.text(json)) +
          this.close() +
          event('message_delta', {
            type: 'message_delta',
            delta: { stop_reason: anthropicStopReason(e.finishReason), stop_sequence: null },
            usage: anthropicUsage(e.usage),
          })
        );
      }
    }
  }

  end(): string {
    return event('message_stop', { type: 'message_stop' });
  }

  error(error: HttpError): string {
    return event('error', errorBody(error, 'anthropic'));
  }
}
