import { ProviderError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  mapOpenAICompatibleResponse,
  type OpenAICompatibleResponseContext,
} from './map-openai-compatible-response.js';
import type { OpenAIChatWireChoice, OpenAIChatWireCompletion } from './openai-chat-wire.js';

function completion(
  message: OpenAIChatWireChoice['message'],
  finish: string | null = 'stop',
): OpenAIChatWireCompletion {
  return {
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ finish_reason: finish, message: { content: null, ...message } }],
    usage: {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 4 },
    },
  };
}

function context<T>(
  overrides: Partial<OpenAICompatibleResponseContext<T>> = {},
): OpenAICompatibleResponseContext<T> {
  return {
    provider: 'openai',
    requestedModel: 'gpt-4o-mini',
    responseFormat: undefined,
    latencyMs: 12,
    cost: () => 0.5,
    ...overrides,
  };
}

function failure(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('mapOpenAICompatibleResponse', () => {
  it('maps text, usage with cached tokens, latency and the completion as raw', () => {
    const input = completion({ content: 'Hi' });
    expect(mapOpenAICompatibleResponse(input, context())).toEqual({
      text: 'Hi',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4 },
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      latencyMs: 12,
      costUsd: 0.5,
      raw: input,
    });
  });

  it('prices the returned model, then the requested one, and falls back to the requested model name', () => {
    const tried: (string | undefined)[][] = [];
    const cost = (models: readonly (string | undefined)[]) => (tried.push([...models]), 0.25);
    expect(
      mapOpenAICompatibleResponse(completion({ content: 'Hi' }), context({ cost })).costUsd,
    ).toBe(0.25);
    expect(
      mapOpenAICompatibleResponse(
        { ...completion({ content: 'Hi' }), model: '' },
        context({ cost }),
      ).model,
    ).toBe('gpt-4o-mini');
    expect(tried).toEqual([
      ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
      ['gpt-4o-mini', 'gpt-4o-mini'],
    ]);
  });

  it('reports a structured-output refusal as content-filter with the refusal text, without parsing', () => {
    const result = mapOpenAICompatibleResponse(
      completion({ refusal: 'I cannot help with that.' }),
      context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }),
    );
    expect(result).toMatchObject({
      text: 'I cannot help with that.',
      finishReason: 'content-filter',
    });
    expect(result.object).toBeUndefined();
  });

  it('validates the JSON against a zod schema, stripping a Markdown fence some models add', () => {
    const result = mapOpenAICompatibleResponse(
      completion({ content: '```json\n{"a":"b"}\n```' }),
      context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }),
    );
    expect(result.object).toEqual({ a: 'b' });
  });

  it('fails with kind quality when the JSON does not match the zod schema', () => {
    const error = failure(() =>
      mapOpenAICompatibleResponse(
        completion({ content: '{"a":1}' }),
        context({ responseFormat: { type: 'json', schema: z.object({ a: z.string() }) } }),
      ),
    );
    expect(error.kind).toBe('quality');
  });

  it('parses function tool calls, keeps invalid arguments raw, skips other tool types, and does not parse JSON', () => {
    const result = mapOpenAICompatibleResponse(
      completion(
        {
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
            { id: 'call_2', type: 'function', function: { name: 'g', arguments: '{"x":' } },
            { id: 'call_3', type: 'custom' },
          ],
        },
        'tool_calls',
      ),
      context({ responseFormat: { type: 'json' } }),
    );
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls).toEqual([
      { id: 'call_1', name: 'f', args: { x: 1 }, rawArgs: '{"x":1}' },
      { id: 'call_2', name: 'g', args: undefined, rawArgs: '{"x":' },
    ]);
    expect(result.object).toBeUndefined();
  });

  it('throws kind server for a completion without choices', () => {
    const error = failure(() =>
      mapOpenAICompatibleResponse({ ...completion({}), choices: [] }, context()),
    );
    expect(error).toMatchObject({
      kind: 'server',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
    });
    expect(error.message).toContain('without a choice');
  });
});
