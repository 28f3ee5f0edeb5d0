import { describe, expect, it } from 'vitest';
import { buildOpenAIRequest, jsonObjectHint } from './build-openai-request.js';

const defaults = {
  model: 'gpt-4o-mini',
  maxTokensField: 'max_completion_tokens' as const,
  providerOptionKeys: ['openai'],
};

describe('buildOpenAIRequest', () => {
  it('applies settings defaults and the chosen max tokens field', () => {
    const body = buildOpenAIRequest(
      { messages: [{ role: 'user', content: 'Hi' }] },
      { ...defaults, temperature: 0.3, maxTokens: 50 },
    );
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      max_completion_tokens: 50,
    });
    const legacy = buildOpenAIRequest(
      { messages: [{ role: 'user', content: 'Hi' }], maxTokens: 7 },
      { ...defaults, maxTokensField: 'max_tokens' },
    );
    expect(legacy).toMatchObject({ max_tokens: 7 });
    expect(legacy).not.toHaveProperty('max_completion_tokens');
  });

  it('adds a JSON hint for json_object only when no message mentions JSON', () => {
    const hinted = buildOpenAIRequest(
      {
        messages: [{ role: 'user', content: 'List three colours' }],
        responseFormat: { type: 'json' },
      },
      defaults,
    );
    expect(hinted.messages[0]).toEqual({ role: 'system', content: jsonObjectHint });
    const plain = buildOpenAIRequest(
      {
        messages: [{ role: 'user', content: 'List three colours as JSON' }],
        responseFormat: { type: 'json' },
      },
      defaults,
    );
    expect(plain.messages).toHaveLength(1);
  });

  it('sends json_schema for a schema, without the hint', () => {
    const body = buildOpenAIRequest(
      {
        messages: [{ role: 'user', content: 'Paris?' }],
        responseFormat: { type: 'json', schema: { type: 'object', properties: {} } },
      },
      defaults,
    );
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: { type: 'object', properties: {} } },
    });
    expect(body.messages).toEqual([{ role: 'user', content: 'Paris?' }]);
  });
});
