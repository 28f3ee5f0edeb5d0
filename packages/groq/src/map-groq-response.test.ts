import type { ChatCompletion } from 'groq-sdk/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapGroqResponse, type GroqResponseContext } from './map-groq-response.js';

function completion(message: Partial<ChatCompletion.Choice['message']>, finish: ChatCompletion.Choice['finish_reason'] = 'stop'): ChatCompletion {
  return {
    id: 'c',
    object: 'chat.completion',
    created: 0,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: 'assistant', content: null, ...message } }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 4 } },
  };
}

const context = (overrides: Partial<GroqResponseContext<unknown>> = {}): GroqResponseContext<unknown> => ({
  provider: 'groq',
  requestedModel: 'llama-3.3-70b-versatile',
  responseFormat: undefined,
  latencyMs: 5,
  cost: () => 0.01,
  ...overrides,
});

describe('mapGroqResponse', () => {
  it('maps text, usage with cached tokens and cost', () => {
    expect(mapGroqResponse(completion({ content: 'Hi' }), context())).toMatchObject({
      text: 'Hi',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4 },
      costUsd: 0.01,
      provider: 'groq',
    });
  });

  it('parses tool calls and keeps invalid arguments raw', () => {
    const result = mapGroqResponse(
      completion({ tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":' } }] }, 'tool_calls'),
      context({ responseFormat: { type: 'json' } }),
    );
    expect(result.toolCalls).toEqual([{ id: 'call_1', name: 'f', args: undefined, rawArgs: '{"x":' }]);
    expect(result.object).toBeUndefined();
  });

  it('strips a Markdown fence some models add in JSON mode and validates the object', () => {
    const result = mapGroqResponse(completion({ content: '```json\n{"a":"b"}\n```' }), context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }));
    expect(result.object).toEqual({ a: 'b' });
  });
});
