// The README's example, run. Keep the two in step.
import { describe, expect, test } from 'vitest';
import {
  buildOpenAICompatibleRequest,
  mapOpenAICompatibleError,
  mapOpenAICompatibleResponse,
  type OpenAIChatWireCompletion,
} from './index.js';

const completion: OpenAIChatWireCompletion = {
  model: 'acme-1',
  choices: [{ finish_reason: 'stop', message: { content: 'Hello!' } }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
};
const thrown = new Error("This model's maximum context length is 8192 tokens");

describe('the README example', () => {
  test('runs as documented', () => {
    const body = buildOpenAICompatibleRequest(
      {
        messages: [{ role: 'user', content: 'Hi' }],
        maxTokens: 64,
        providerOptions: { acme: { seed: 1 } },
      },
      { model: 'acme-1', maxTokensField: 'max_tokens', providerOptionKeys: ['acme'] },
    );
    expect(body).toEqual({
      model: 'acme-1',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 64,
      seed: 1,
    });

    const result = mapOpenAICompatibleResponse(completion, {
      provider: 'acme',
      requestedModel: 'acme-1',
    });
    expect(result).toMatchObject({
      text: 'Hello!',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    });

    // Without the SDK's classes in the dialect, a plain error is `unknown`.
    const error = mapOpenAICompatibleError(
      thrown,
      { provider: 'acme', model: 'acme-1' },
      { contextLengthMessage: /maximum context length/i },
    );
    expect(error).toMatchObject({ kind: 'unknown', provider: 'acme' });
  });
});
