// The encoders number tool calls 0, 1, 2… whatever the vendor's indices, and write a complete
// `tool-call` event only when no deltas carried it.
import type { StreamEvent } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { AnthropicEventEncoder } from './anthropic-messages-response.js';
import { OpenAIChunkEncoder } from './openai-chat-response.js';

const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'tool-calls',
  usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 },
  provider: 'anthropic',
  model: 'claude-haiku-4-5',
  costUsd: 0.001,
};
const call = (id: string, name: string, rawArgs: string): StreamEvent => ({
  type: 'tool-call',
  toolCall: { id, name, args: JSON.parse(rawArgs), rawArgs },
});

function chunks(events: StreamEvent[]): Record<string, unknown>[] {
  const encoder = new OpenAIChunkEncoder('chatcmpl-1', 'auto', true);
  const text = encoder.start() + events.map((e) => encoder.event(e)).join('') + encoder.end();
  return text
    .split('\n\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

const toolDeltas = (chunk: Record<string, unknown>) =>
  ((chunk.choices as { delta: { tool_calls?: unknown[] } }[])[0]?.delta.tool_calls ?? []) as {
    index: number;
    id?: string;
    function: { name?: string; arguments: string };
  }[];

describe('tool calls in streams', () => {
  test('OpenAI: vendor indices 1 and 2 (after a text block) become 0 and 1; complete events add nothing', () => {
    const out = chunks([
      { type: 'text-delta', text: 'Checking.' },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'toolu_a',
        name: 'get_weather',
        argsDelta: '{"city":',
      },
      {
        type: 'tool-call-delta',
        index: 2,
        id: 'toolu_b',
        name: 'get_time',
        argsDelta: '{"tz":"CET"}',
      },
      { type: 'tool-call-delta', index: 1, argsDelta: '"Oslo"}' },
      call('toolu_a', 'get_weather', '{"city":"Oslo"}'),
      call('toolu_b', 'get_time', '{"tz":"CET"}'),
      finish,
    ]);
    const deltas = out.flatMap(toolDeltas);
    expect(deltas).toEqual([
      {
        index: 0,
        id: 'toolu_a',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":' },
      },
      {
        index: 1,
        id: 'toolu_b',
        type: 'function',
        function: { name: 'get_time', arguments: '{"tz":"CET"}' },
      },
      { index: 0, function: { arguments: '"Oslo"}' } },
    ]);
    expect(out.at(-2)?.choices).toEqual([expect.objectContaining({ finish_reason: 'tool_calls' })]);
    expect(out.at(-1)).toMatchObject({
      choices: [],
      model: 'claude-haiku-4-5',
      usage: { total_tokens: 12 },
    });
  });

  test('OpenAI: an adapter that sends only complete calls gets one whole delta per call', () => {
    const deltas = chunks([call('c1', 'a', '{}'), call('c2', 'b', '{"x":1}'), finish]).flatMap(
      toolDeltas,
    );
    expect(deltas).toEqual([
      { index: 0, id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } },
      { index: 1, id: 'c2', type: 'function', function: { name: 'b', arguments: '{"x":1}' } },
    ]);
  });

  test('Anthropic: text block 0, tool_use blocks 1 and 2, each closed before the next opens', () => {
    const encoder = new AnthropicEventEncoder('msg_1', 'auto');
    const text = [
      encoder.start(),
      encoder.event({ type: 'text-delta', text: 'Checking.' }),
      encoder.event({ type: 'tool-call-delta', index: 0, id: 'c1', name: 'a', argsDelta: '{"x":' }),
      encoder.event({ type: 'tool-call-delta', index: 0, argsDelta: '1}' }),
      encoder.event(call('c1', 'a', '{"x":1}')),
      encoder.event(call('c2', 'b', '{}')),
      encoder.event(finish),
      encoder.end(),
    ].join('');
    const events = text
      .trim()
      .split('\n\n')
      .map((block) => JSON.parse(block.split('\n')[1]?.slice(6) ?? '') as Record<string, unknown>);
    const shape = events.map(
      (e) => `${String(e.type)}${e.index === undefined ? '' : `:${String(e.index)}`}`,
    );
    expect(shape).toEqual([
      'message_start',
      'ping',
      'content_block_start:0',
      'content_block_delta:0',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_delta:1',
      'content_block_delta:1',
      'content_block_stop:1',
      'content_block_start:2',
      'content_block_delta:2',
      'content_block_stop:2',
      'message_delta',
      'message_stop',
    ]);
    expect(events.at(-2)).toMatchObject({
      delta: { stop_reason: 'tool_use' },
      usage: { output_tokens: 7 },
    });
  });
});
