import { ProviderError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
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

const context: OpenAICompatibleResponseContext = {
  provider: 'openai',
  requestedModel: 'gpt-4o-mini',
};

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
  it('maps text, usage with cached tokens, the returned model and the completion as raw', () => {
    const input = completion({ content: 'Hi' });
    expect(mapOpenAICompatibleResponse(input, context)).toEqual({
      text: 'Hi',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4 },
      model: 'gpt-4o-mini-2024-07-18',
      raw: input,
    });
  });

  it('falls back to the requested model name when the completion names none', () => {
    expect(
      mapOpenAICompatibleResponse({ ...completion({ content: 'Hi' }), model: '' }, context).model,
    ).toBe('gpt-4o-mini');
  });

  it('reports a structured-output refusal as content-filter with the refusal text', () => {
    const result = mapOpenAICompatibleResponse(
      completion({ refusal: 'I cannot help with that.' }),
      context,
    );
    expect(result).toMatchObject({
      text: 'I cannot help with that.',
      finishReason: 'content-filter',
    });
  });

  it('parses function tool calls, keeps invalid arguments raw, and skips other tool types', () => {
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
      context,
    );
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls).toEqual([
      { id: 'call_1', name: 'f', args: { x: 1 }, rawArgs: '{"x":1}' },
      { id: 'call_2', name: 'g', args: undefined, rawArgs: '{"x":' },
    ]);
  });

  it('throws kind server for a completion without choices', () => {
    const error = failure(() =>
      mapOpenAICompatibleResponse({ ...completion({}), choices: [] }, context),
    );
    expect(error).toMatchObject({
      kind: 'server',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
    });
    expect(error.message).toContain('without a choice');
  });

  it('throws a retryable kind server for a body that is not a completion (null, an HTML page)', () => {
    const empty = failure(() => mapOpenAICompatibleResponse(null, context));
    expect(empty).toMatchObject({ kind: 'server', isRetryable: true, model: 'gpt-4o-mini' });
    expect(empty.message).toBe(
      'openai/gpt-4o-mini server: the response was empty (null), not a chat completion',
    );
    const page = failure(() =>
      mapOpenAICompatibleResponse(
        '<html>502</html>' as unknown as OpenAIChatWireCompletion,
        context,
      ),
    );
    expect(page.message).toContain('an HTML page');
  });
});
