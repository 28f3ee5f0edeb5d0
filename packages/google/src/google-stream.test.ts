import type { GeminiResponse } from './gemini-wire.js';
import { ProviderError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { GoogleStreamMapper } from './google-stream.js';

const context = { provider: 'google', model: 'gemini-2.5-flash' };
const chunk = (value: Record<string, unknown>): GeminiResponse =>
  value as unknown as GeminiResponse;

describe('GoogleStreamMapper', () => {
  it('maps text parts to deltas and finishes with the last chunk usage', () => {
    const mapper = new GoogleStreamMapper(context);
    const events = [
      chunk({
        candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'Hel' }] } }],
        usageMetadata: { promptTokenCount: 5 },
      }),
      chunk({
        candidates: [
          {
            index: 0,
            content: {
              role: 'model',
              parts: [{ text: 'thinking…', thought: true }, { text: 'lo' }],
            },
          },
        ],
      }),
      chunk({
        candidates: [
          { index: 0, content: { role: 'model', parts: [{ text: '!' }] }, finishReason: 'STOP' },
        ],
        usageMetadata: {
          promptTokenCount: 5,
          candidatesTokenCount: 3,
          totalTokenCount: 8,
          cachedContentTokenCount: 2,
        },
      }),
    ].flatMap((c) => mapper.push(c));
    expect(events).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'text-delta', text: '!' },
    ]);
    expect(mapper.end()).toEqual({
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 3, totalTokens: 8, cachedInputTokens: 2 },
    });
  });

  it('emits a whole function call as one delta and a tool-call, and finishes with tool-calls', () => {
    const mapper = new GoogleStreamMapper(context);
    const events = mapper.push(
      chunk({
        candidates: [
          {
            index: 0,
            content: {
              role: 'model',
              parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
            },
            finishReason: 'STOP',
          },
        ],
      }),
    );
    expect(events).toHaveLength(2);
    const [delta, call] = events;
    expect(delta).toMatchObject({
      type: 'tool-call-delta',
      index: 0,
      name: 'get_weather',
      argsDelta: '{"city":"Paris"}',
    });
    expect(call).toMatchObject({
      type: 'tool-call',
      toolCall: { name: 'get_weather', args: { city: 'Paris' }, rawArgs: '{"city":"Paris"}' },
    });
    expect(
      call?.type === 'tool-call' &&
        delta?.type === 'tool-call-delta' &&
        call.toolCall.id === delta.id,
    ).toBe(true);
    expect(mapper.end()?.finishReason).toBe('tool-calls');
  });

  it('has no end until a chunk carries a finishReason (a truncated stream)', () => {
    const mapper = new GoogleStreamMapper(context);
    mapper.push(
      chunk({
        candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'partial' }] } }],
      }),
    );
    expect(mapper.end()).toBeUndefined();
  });

  it('ends with content-filter when the prompt is blocked', () => {
    const mapper = new GoogleStreamMapper(context);
    expect(
      mapper.push(chunk({ promptFeedback: { blockReason: 'SAFETY', safetyRatings: [] } })),
    ).toEqual([]);
    expect(mapper.end()?.finishReason).toBe('content-filter');
  });

  it('throws an { error } chunk as a typed ProviderError', () => {
    const mapper = new GoogleStreamMapper(context);
    const push = () =>
      mapper.push(
        chunk({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }),
      );
    expect(push).toThrow(ProviderError);
    try {
      push();
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'overloaded',
        status: 503,
        provider: 'google',
        isRetryable: true,
      });
    }
  });
});
