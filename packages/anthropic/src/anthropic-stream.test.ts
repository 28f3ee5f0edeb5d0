import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError, type StreamEvent } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { AnthropicStreamMapper } from './anthropic-stream.js';

const context = { provider: 'anthropic', model: 'claude-haiku-4-5' };

function start(usage: Record<string, unknown>): RawMessageStreamEvent {
  return {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [],
      stop_reason: null,
      usage,
    },
  } as unknown as RawMessageStreamEvent;
}
const ev = (event: Record<string, unknown>): RawMessageStreamEvent =>
  event as unknown as RawMessageStreamEvent;

function run(mapper: AnthropicStreamMapper, events: RawMessageStreamEvent[]): StreamEvent[] {
  return events.flatMap((e) => mapper.push(e));
}

describe('AnthropicStreamMapper', () => {
  it('maps text deltas, and finishes with input usage from message_start and output from message_delta', () => {
    const mapper = new AnthropicStreamMapper(undefined, context);
    const out = run(mapper, [
      start({
        input_tokens: 20,
        output_tokens: 1,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 0,
      }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 9 },
      }),
    ]);
    expect(out).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
    ]);
    expect(mapper.end()).toBeUndefined();
    mapper.push(ev({ type: 'message_stop' }));
    expect(mapper.end()).toEqual({
      finishReason: 'stop',
      usage: {
        inputTokens: 120,
        outputTokens: 9,
        totalTokens: 129,
        cachedInputTokens: 100,
        cacheWriteInputTokens: 0,
      },
    });
  });

  it('streams tool input as tool-call-delta and emits the tool-call when its block stops', () => {
    const mapper = new AnthropicStreamMapper(undefined, context);
    const out = run(mapper, [
      start({ input_tokens: 5, output_tokens: 1 }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'Checking.' },
      }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: {} },
      }),
      ev({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      }),
      ev({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      }),
      ev({ type: 'content_block_stop', index: 1 }),
      ev({
        type: 'message_delta',
        delta: { stop_reason: 'tool_use' },
        usage: { output_tokens: 30 },
      }),
      ev({ type: 'message_stop' }),
    ]);
    expect(out).toEqual([
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call-delta', index: 0, id: 'toolu_9', name: 'get_weather', argsDelta: '' },
      { type: 'tool-call-delta', index: 0, argsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argsDelta: '"Paris"}' },
      {
        type: 'tool-call',
        toolCall: {
          id: 'toolu_9',
          name: 'get_weather',
          args: { city: 'Paris' },
          rawArgs: '{"city":"Paris"}',
        },
      },
    ]);
    expect(mapper.end()?.finishReason).toBe('tool-calls');
  });

  it('gives a tool called without input {} as args', () => {
    const mapper = new AnthropicStreamMapper(undefined, context);
    const out = run(mapper, [
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'now', input: {} },
      }),
      ev({ type: 'content_block_stop', index: 0 }),
    ]);
    expect(out.at(-1)).toEqual({
      type: 'tool-call',
      toolCall: { id: 't', name: 'now', args: {}, rawArgs: '{}' },
    });
  });

  it('streams the JSON-output tool input as text and finishes with stop', () => {
    const mapper = new AnthropicStreamMapper({ toolName: 'json_output', wrapped: false }, context);
    const out = run(mapper, [
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'json_output', input: {} },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"answer":' },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '42}' },
      }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({
        type: 'message_delta',
        delta: { stop_reason: 'tool_use' },
        usage: { output_tokens: 5 },
      }),
      ev({ type: 'message_stop' }),
    ]);
    expect(out).toEqual([
      { type: 'text-delta', text: '{"answer":' },
      { type: 'text-delta', text: '42}' },
    ]);
    expect(mapper.end()?.finishReason).toBe('stop');
  });

  it('sends wrapped JSON output whole, unwrapped, when its block stops', () => {
    const mapper = new AnthropicStreamMapper({ toolName: 'json_output', wrapped: true }, context);
    const out = run(mapper, [
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'json_output', input: {} },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"value":["a","b"]}' },
      }),
      ev({ type: 'content_block_stop', index: 0 }),
    ]);
    expect(out).toEqual([{ type: 'text-delta', text: '["a","b"]' }]);
  });

  it('throws a ProviderError when tool input is not valid JSON', () => {
    const mapper = new AnthropicStreamMapper(undefined, context);
    run(mapper, [
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'x', input: {} },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"a":' },
      }),
    ]);
    expect(() => mapper.push(ev({ type: 'content_block_stop', index: 0 }))).toThrow(ProviderError);
  });

  it('ignores thinking deltas and pings', () => {
    const mapper = new AnthropicStreamMapper(undefined, context);
    const out = run(mapper, [
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '' },
      }),
      ev({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'hmm' },
      }),
      ev({ type: 'ping' }),
    ]);
    expect(out).toEqual([]);
  });
});
