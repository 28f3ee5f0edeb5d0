import { ProviderError } from '@modelmux/core';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapOpenAIResponse, type OpenAIResponseContext } from './map-openai-response.js';

function completion(message: Partial<ChatCompletion.Choice['message']>, finish: ChatCompletion.Choice['finish_reason'] = 'stop'): ChatCompletion {
  return {
    id: 'c',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: 'assistant', content: null, refusal: null, ...message } }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function context<T>(overrides: Partial<OpenAIResponseContext<T>> = {}): OpenAIResponseContext<T> {
  return { provider: 'openai', requestedModel: 'gpt-4o-mini', responseFormat: undefined, latencyMs: 12, cost: () => 0.5, ...overrides };
}

describe('mapOpenAIResponse', () => {
  it('keeps the model as returned and prices the returned model, then the requested one', () => {
    const tried: (string | undefined)[][] = [];
    const result = mapOpenAIResponse(completion({ content: 'Hi' }), context({ cost: (models) => (tried.push([...models]), 0.25) }));
    expect(result).toMatchObject({ text: 'Hi', model: 'gpt-4o-mini-2024-07-18', finishReason: 'stop', costUsd: 0.25, latencyMs: 12 });
    expect(tried).toEqual([['gpt-4o-mini-2024-07-18', 'gpt-4o-mini']]);
  });

  it('reports a structured-output refusal as content-filter with the refusal text, without parsing', () => {
    const result = mapOpenAIResponse(completion({ refusal: 'I cannot help with that.' }), context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }));
    expect(result).toMatchObject({ text: 'I cannot help with that.', finishReason: 'content-filter' });
    expect(result.object).toBeUndefined();
  });

  it('fails with kind quality when the JSON does not match the zod schema', () => {
    const run = () => mapOpenAIResponse(completion({ content: '{"a":1}' }), context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }));
    expect(run).toThrow(ProviderError);
    try {
      run();
    } catch (error) {
      expect((error as ProviderError).kind).toBe('quality');
    }
  });

  it('does not parse JSON when the model answered with tool calls', () => {
    const result = mapOpenAIResponse(
      completion({ tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] }, 'tool_calls'),
      context({ responseFormat: { type: 'json' } }),
    );
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls).toEqual([{ id: 'call_1', name: 'f', args: { x: 1 }, rawArgs: '{"x":1}' }]);
    expect(result.object).toBeUndefined();
  });

  it('throws kind server for a completion without choices', () => {
    expect(() => mapOpenAIResponse({ ...completion({}), choices: [] }, context())).toThrow(/without a choice/);
  });
});
