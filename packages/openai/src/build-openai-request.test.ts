import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenAIRequest, jsonObjectHint } from './build-openai-request.js';

const defaults = { model: 'gpt-4o-mini', maxTokensField: 'max_completion_tokens' as const, providerOptionKeys: ['openai'] };

describe('buildOpenAIRequest', () => {
  it('applies settings defaults and the chosen max tokens field', () => {
    const body = buildOpenAIRequest({ messages: [{ role: 'user', content: 'Hi' }] }, { ...defaults, temperature: 0.3, maxTokens: 50 });
    expect(body).toEqual({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.3, max_completion_tokens: 50 });
    const legacy = buildOpenAIRequest({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 7 }, { ...defaults, maxTokensField: 'max_tokens' });
    expect(legacy).toMatchObject({ max_tokens: 7 });
    expect(legacy).not.toHaveProperty('max_completion_tokens');
  });

  it('maps stop, topP, tools and a named tool choice', () => {
    const body = buildOpenAIRequest(
      {
        messages: [{ role: 'user', content: 'Weather?' }],
        stop: ['END'],
        topP: 0.9,
        tools: [{ name: 'get_weather', description: 'Weather of a city', parameters: z.object({ city: z.string() }) }],
        toolChoice: { name: 'get_weather' },
      },
      defaults,
    );
    expect(body).toMatchObject({
      stop: ['END'],
      top_p: 0.9,
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
  });

  it('merges provider options by type then instance name, over the mapped fields', () => {
    const body = buildOpenAIRequest(
      { messages: [{ role: 'user', content: 'Hi' }], temperature: 0.1, providerOptions: { openai: { seed: 1, temperature: 0.5 }, ollama: { seed: 2, keep_alive: '5m' }, anthropic: { top_k: 3 } } },
      { ...defaults, providerOptionKeys: ['openai', 'ollama'] },
    );
    expect(body).toMatchObject({ seed: 2, temperature: 0.5, keep_alive: '5m' });
    expect(body).not.toHaveProperty('top_k');
  });

  it('adds a JSON hint for json_object only when no message mentions JSON', () => {
    const hinted = buildOpenAIRequest({ messages: [{ role: 'user', content: 'List three colours' }], responseFormat: { type: 'json' } }, defaults);
    expect(hinted.messages[0]).toEqual({ role: 'system', content: jsonObjectHint });
    const plain = buildOpenAIRequest({ messages: [{ role: 'user', content: 'List three colours as JSON' }], responseFormat: { type: 'json' } }, defaults);
    expect(plain.messages).toHaveLength(1);
  });
});
