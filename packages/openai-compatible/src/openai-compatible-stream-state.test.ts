import { describe, expect, it } from 'vitest';
import { OpenAICompatibleStreamState } from './openai-compatible-stream-state.js';
import type { OpenAIChatWireChunk, OpenAIChatWireChunkDelta } from './openai-chat-wire.js';

function chunk(delta: OpenAIChatWireChunkDelta, finish: string | null = null): OpenAIChatWireChunk {
  return { model: 'gpt-4o-mini-2024-07-18', choices: [{ delta, finish_reason: finish }] };
}

describe('OpenAICompatibleStreamState', () => {
  it('emits text deltas, tool call deltas and whole tool calls in index order', () => {
    const state = new OpenAICompatibleStreamState();
    const events = [
      ...state.accept(chunk({ content: 'Hel' })),
      ...state.accept(chunk({ content: 'lo' })),
      ...state.accept(
        chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'b', arguments: '' } }] }),
      ),
      ...state.accept(
        chunk({
          tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{"x":' } }],
        }),
      ),
      ...state.accept(chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] })),
      ...state.accept(
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{oops' } }] }, 'tool_calls'),
      ),
    ];
    expect(
      events
        .filter((e) => e.type === 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Hello');
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(4);
    expect(events[2]).toEqual({
      type: 'tool-call-delta',
      index: 1,
      id: 'call_b',
      name: 'b',
      argsDelta: '',
    });
    expect(events[4]).toEqual({ type: 'tool-call-delta', index: 0, argsDelta: '1}' });
    expect(state.finishReason).toBe('tool_calls');
    expect(state.model).toBe('gpt-4o-mini-2024-07-18');
    expect(state.completedToolCalls()).toEqual([
      {
        type: 'tool-call',
        toolCall: { id: 'call_a', name: 'a', args: { x: 1 }, rawArgs: '{"x":1}' },
      },
      {
        type: 'tool-call',
        toolCall: { id: 'call_b', name: 'b', args: undefined, rawArgs: '{oops' },
      },
    ]);
  });

  it('names a tool call that never got an id after its index', () => {
    const state = new OpenAICompatibleStreamState();
    state.accept(chunk({ tool_calls: [{ index: 2, function: { name: 'now', arguments: null } }] }));
    expect(state.completedToolCalls()).toEqual([
      { type: 'tool-call', toolCall: { id: 'call_2', name: 'now', args: {}, rawArgs: '' } },
    ]);
  });

  it('ignores empty text and chunks without choices, but keeps their usage', () => {
    const state = new OpenAICompatibleStreamState();
    expect(state.accept(chunk({ content: '' }))).toEqual([]);
    expect(
      state.accept({
        model: 'm',
        choices: [],
        usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
      }),
    ).toEqual([]);
    expect(state.usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
    expect(state.finishReason).toBeUndefined();
  });

  it('reads usage where the vendor puts it', () => {
    type VendorChunk = OpenAIChatWireChunk & { x_vendor?: { usage?: { total_tokens: number } } };
    const state = new OpenAICompatibleStreamState<VendorChunk>((c) => c.x_vendor?.usage);
    state.accept({ choices: [], usage: { total_tokens: 1 } });
    expect(state.usage).toBeUndefined();
    state.accept({ choices: [], x_vendor: { usage: { total_tokens: 9 } } });
    expect(state.usage).toEqual({ total_tokens: 9 });
  });

  it('recognises chunks by their choices array', () => {
    expect(OpenAICompatibleStreamState.isChunk({ choices: [] })).toBe(true);
    expect(OpenAICompatibleStreamState.isChunk({ text: 'x' })).toBe(false);
    expect(OpenAICompatibleStreamState.isChunk(null)).toBe(false);
    expect(OpenAICompatibleStreamState.isChunk('data')).toBe(false);
  });
});
