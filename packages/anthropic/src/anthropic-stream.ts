import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  ProviderError,
  type FinishReason,
  type RateLimitInfo,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import { formatProviderErrorMessage } from '@modelmux/core/provider-utils';
import { jsonOutputText } from './map-anthropic-response.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import {
  mapAnthropicUsage,
  mergeAnthropicUsage,
  type AnthropicUsageFields,
} from './map-anthropic-usage.js';
import type { AnthropicTools } from './prepare-anthropic-tools.js';

interface ToolBlock {
  ordinal: number;
  id: string;
  name: string;
  json: string;
  isJsonOutput: boolean;
}

/** How the stream ended: known only once `message_stop` arrived. */
export interface AnthropicStreamEnd {
  finishReason: FinishReason;
  usage: Usage;
  /** The vendor's remaining quota from the response headers. */
  rateLimit?: RateLimitInfo;
}

/**
 * Turns Anthropic's named stream events into modelmux stream events: `text_delta` →
 * `text-delta`, `input_json_delta` → `tool-call-delta`, a `tool_use` block's stop → `tool-call`
 * (the JSON-output tool's input streams as `text-delta` instead, whole at its stop when it was
 * wrapped). Usage: input from
 * `message_start`, output (cumulative) from `message_delta`. `end()` is defined only after
 * `message_stop`; anything else is a truncated stream.
 */
export class AnthropicStreamMapper {
  private readonly blocks = new Map<number, ToolBlock>();
  private toolCount = 0;
  private startUsage: AnthropicUsageFields | undefined;
  private deltaUsage: AnthropicUsageFields | undefined;
  private stopReason: string | null | undefined;
  private calledUserTool = false;
  private calledJsonTool = false;
  private stopped = false;

  constructor(
    private readonly jsonOutput: AnthropicTools['jsonOutput'],
    private readonly context: {
      provider: string;
      model: string;
      rateLimit?: RateLimitInfo | undefined;
    },
  ) {}

  /** Maps one vendor event to zero or more modelmux events. */
  push(event: RawMessageStreamEvent): StreamEvent[] {
    switch (event.type) {
      case 'message_start':
        this.startUsage = event.message.usage;
        return [];
      case 'content_block_start':
        return this.startBlock(event.index, event.content_block);
      case 'content_block_delta':
        return this.delta(event.index, event.delta);
      case 'content_block_stop':
        return this.stopBlock(event.index);
      case 'message_delta':
        this.stopReason = event.delta.stop_reason ?? this.stopReason;
        this.deltaUsage = event.usage;
        return [];
      case 'message_stop':
        this.stopped = true;
        return [];
      default:
        return [];
    }
  }

  /** The finish reason and usage, or `undefined` when `message_stop` never came. */
  end(): AnthropicStreamEnd | undefined {
    if (!this.stopped) return undefined;
    return {
      finishReason: mapAnthropicStopReason(this.stopReason, {
        jsonOutput: this.calledJsonTool && !this.calledUserTool,
      }),
      usage: mapAnthropicUsage(mergeAnthropicUsage(this.startUsage, this.deltaUsage)),
      ...(this.context.rateLimit ? { rateLimit: this.context.rateLimit } : {}),
    };
  }

  private startBlock(
    index: number,
    block: { type: string; text?: string; id?: string; name?: string },
  ): StreamEvent[] {
    if (block.type === 'text') return block.text ? [{ type: 'text-delta', text: block.text }] : [];
    if (block.type !== 'tool_use') return [];
    const isJsonOutput = this.jsonOutput?.toolName === block.name;
    const tool: ToolBlock = {
      ordinal: isJsonOutput ? -1 : this.toolCount++,
      id: block.id ?? '',
      name: block.name ?? '',
      json: '',
      isJsonOutput,
    };
    this.blocks.set(index, tool);
    if (isJsonOutput) return [];
    return [
      { type: 'tool-call-delta', index: tool.ordinal, id: tool.id, name: tool.name, argsDelta: '' },
    ];
  }

  private delta(
    index: number,
    delta: { type: string; text?: string; partial_json?: string },
  ): StreamEvent[] {
    if (delta.type === 'text_delta')
      return delta.text ? [{ type: 'text-delta', text: delta.text }] : [];
    if (delta.type !== 'input_json_delta') return [];
    const tool = this.blocks.get(index);
    if (!tool)
      throw this.malformed(`input_json_delta for block ${index}, which is not a tool_use block`);
    const part = delta.partial_json ?? '';
    tool.json += part;
    if (part === '') return [];
    if (tool.isJsonOutput)
      return this.jsonOutput?.wrapped ? [] : [{ type: 'text-delta', text: part }];
    return [{ type: 'tool-call-delta', index: tool.ordinal, argsDelta: part }];
  }

  private stopBlock(index: number): StreamEvent[] {
    const tool = this.blocks.get(index);
    if (!tool) return [];
    this.blocks.delete(index);
    let args: unknown;
    try {
      args = tool.json.trim() === '' ? {} : JSON.parse(tool.json);
    } catch (cause) {
      throw this.malformed(`the arguments of tool call "${tool.name}" are not valid JSON`, cause);
    }
    if (tool.isJsonOutput) {
      this.calledJsonTool = true;
      // Unwrapped JSON has already streamed as text; `{ value }`-wrapped JSON is sent whole here.
      if (this.jsonOutput?.wrapped)
        return [{ type: 'text-delta', text: jsonOutputText(args, true) }];
      return tool.json.trim() === '' ? [{ type: 'text-delta', text: '{}' }] : [];
    }
    this.calledUserTool = true;
    return [
      {
        type: 'tool-call',
        toolCall: {
          id: tool.id,
          name: tool.name,
          args,
          rawArgs: tool.json.trim() === '' ? '{}' : tool.json,
        },
      },
    ];
  }

  private malformed(message: string, cause?: unknown): ProviderError {
    const { provider, model } = this.context;
    return new ProviderError({
      provider,
      model,
      kind: 'server',
      message: formatProviderErrorMessage({
        provider,
        model,
        kind: 'server',
        text: `malformed stream: ${message}`,
      }),
      cause,
    });
  }
}
