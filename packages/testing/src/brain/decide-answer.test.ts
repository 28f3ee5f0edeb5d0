import { describe, expect, it } from 'vitest';
import { decideAnswer, inputTokensOf } from './decide-answer.js';
import type { NeutralChatRequest } from './neutral.js';

const base: NeutralChatRequest = {
  model: 'm',
  messages: [{ role: 'user', text: 'Describe the rivers of Europe' }],
  tools: [],
  toolChoice: 'auto',
  stream: false,
  cacheableChars: 0,
};

describe('decideAnswer', () => {
  it('is deterministic and counts usage from input and output size', () => {
    const a = decideAnswer(base);
    expect(decideAnswer(base)).toEqual(a);
    expect(a.finishReason).toBe('stop');
    expect(a.usage.inputTokens).toBe(inputTokensOf(base));
    expect(a.usage.outputTokens).toBe(Math.ceil((a.text ?? '').length / 4));
    const longer = decideAnswer({
      ...base,
      messages: [{ role: 'user', text: 'Describe the rivers of Europe '.repeat(10) }],
    });
    expect(longer.usage.inputTokens).toBeGreaterThan(a.usage.inputTokens);
  });

  it('cuts the text at a stop sequence and at max tokens', () => {
    const stopped = decideAnswer({ ...base, stopSequences: ['about'] });
    expect(stopped).toMatchObject({
      text: 'Here is a short answer ',
      finishReason: 'stop-sequence',
      stopSequence: 'about',
    });
    const short = decideAnswer({ ...base, maxTokens: 2 });
    expect(short.finishReason).toBe('length');
    expect(short.text).toHaveLength(8);
  });

  it('answers JSON for a JSON request, satisfying the schema when there is one', () => {
    expect(JSON.parse(decideAnswer({ ...base, json: {} }).text ?? '')).toHaveProperty('answer');
    const typed = decideAnswer({
      ...base,
      json: {
        schema: {
          type: 'object',
          properties: { river: { type: 'string' }, km: { type: 'number' } },
        },
      },
    });
    expect(JSON.parse(typed.text ?? '')).toEqual({ river: 'Europe', km: 1 });
  });

  it('answers a tool call with args satisfying the schema', () => {
    const answer = decideAnswer({
      ...base,
      tools: [
        { name: 'lookup', schema: { type: 'object', properties: { q: { type: 'string' } } } },
      ],
      toolChoice: 'required',
    });
    expect(answer.text).toBeNull();
    expect(answer.finishReason).toBe('tool-calls');
    expect(answer.toolCalls).toEqual([
      { id: expect.any(String), name: 'lookup', args: { q: 'Europe' } },
    ]);
  });

  it('wraps a non-object schema value in { value }', () => {
    const answer = decideAnswer({
      ...base,
      tools: [{ name: 'n', schema: { type: 'integer' } }],
      toolChoice: { name: 'n' },
    });
    expect(answer.toolCalls[0]?.args).toEqual({ value: 1 });
  });

  it('uses a scripted reply, its finish reason and usage', () => {
    const answer = decideAnswer(base, {
      reply: {
        toolCalls: [{ name: 'x', args: { a: 1 } }],
        finishReason: 'stop',
        usage: { inputTokens: 9, cachedInputTokens: 4 },
      },
    });
    expect(answer).toMatchObject({
      text: null,
      toolCalls: [{ name: 'x', args: { a: 1 } }],
      finishReason: 'stop',
      usage: { inputTokens: 9, cachedInputTokens: 4 },
    });
  });

  it('filters content: no text, no calls, no output tokens', () => {
    expect(decideAnswer(base, { contentFilter: true })).toMatchObject({
      text: null,
      toolCalls: [],
      finishReason: 'content-filter',
      usage: { outputTokens: 0 },
    });
  });

  it('reports the cacheable prefix as cached input tokens, never more than the input', () => {
    expect(decideAnswer({ ...base, cacheableChars: 20 }).usage.cachedInputTokens).toBe(5);
    expect(decideAnswer({ ...base, cacheableChars: 10_000 }).usage.cachedInputTokens).toBe(
      inputTokensOf(base),
    );
  });
});
