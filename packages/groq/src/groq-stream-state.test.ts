import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { GroqStreamState } from './groq-stream-state.js';

function chunk(delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'llama-3.3-70b-versatile', choices: [{ index: 0, delta, finish_reason: finish }] };
}

describe('GroqStreamState', () => {
  it('emits text deltas, tool call deltas and whole tool calls in index order', () => {
    const state = new GroqStreamState();
    const events = [
      ...state.accept(chunk({ content: 'Hel' })),
      ...state.accept(chunk({ content: 'lo' })),
      ...state.accept(chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '' } }] })),
      ...state.accept(chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '{"x":' } }] })),
      ...state.accept(chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] })),
      ...state.accept(chunk({ tool_calls: [{ index: 1, function: { arguments: '{oops' } }] }, 'tool_calls')),
    ];
    expect(events.filter((e) => e.type === 'text-delta').map((e) => e.text).join('')).toBe('Hello');
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(4);
    expect(events[2]).toEqual({ type: 'tool-call-delta', index: 1, id: 'call_b', name: 'b', argsDelta: '' });
    expect(state.finishReason).toBe('tool_calls');
    expect(state.model).toBe('llama-3.3-70b-versatile');
    expect(state.completedToolCalls()).toEqual([
      { type: 'tool-call', toolCall: { id: 'call_a', name: 'a', args: { x: 1 }, rawArgs: '{"x":1}' } },
      { type: 'tool-call', toolCall: { id: 'call_b', name: 'b', args: undefined, rawArgs: '{oops' } },
    ]);
  });

  it('takes usage from x_groq on the last chunk', () => {
    const state = new GroqStreamState();
    state.accept({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], x_groq: { id: 'req_1', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } } });
    expect(state.usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('also takes an OpenAI-style usage field', () => {
    const state = new GroqStreamState();
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
    state.accept(chunk as Parameters<GroqStreamState['accept']>[0]);
    expect(state.usage?.total_tokens).toBe(2);
  });

  it('recognises chunks by their choices array', () => {
    expect(GroqStreamState.isChunk({ choices: [] })).toBe(true);
    expect(GroqStreamState.isChunk({ text: 'x' })).toBe(false);
    expect(GroqStreamState.isChunk(null)).toBe(false);
  });
});
