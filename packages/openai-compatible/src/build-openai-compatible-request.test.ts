import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  buildOpenAICompatibleRequest,
  providerOptionsFor,
} from './build-openai-compatible-request.js';

const defaults = {
  model: 'm-1',
  maxTokensField: 'max_tokens' as const,
  providerOptionKeys: ['openai'],
};
const hi = [{ role: 'user' as const, content: 'Hi' }];

describe('buildOpenAICompatibleRequest', () => {
  it('applies the instance defaults, the request winning, and the vendor’s max tokens field', () => {
    expect(
      buildOpenAICompatibleRequest(
        { messages: hi },
        { ...defaults, temperature: 0.3, maxTokens: 50 },
      ),
    ).toEqual({
      model: 'm-1',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      max_tokens: 50,
    });
    const body = buildOpenAICompatibleRequest(
      { messages: hi, model: 'm-2', temperature: 0, maxTokens: 7 },
      { ...defaults, temperature: 0.3, maxTokensField: 'max_completion_tokens' },
    );
    expect(body).toMatchObject({ model: 'm-2', temperature: 0, max_completion_tokens: 7 });
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('maps stop, topP, tools and a named tool choice; an empty stop list is not sent', () => {
    const body = buildOpenAICompatibleRequest(
      {
        messages: [{ role: 'user', content: 'Weather?' }],
        stop: ['END'],
        topP: 0.9,
        tools: [
          {
            name: 'get_weather',
            description: 'Weather of a city',
            parameters: z.object({ city: z.string() }),
          },
        ],
        toolChoice: { name: 'get_weather' },
      },
      defaults,
    );
    expect(body).toMatchObject({
      stop: ['END'],
      top_p: 0.9,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(buildOpenAICompatibleRequest({ messages: hi, stop: [] }, defaults)).not.toHaveProperty(
      'stop',
    );
  });

  it('merges provider options by type then instance name, over the mapped fields', () => {
    const body = buildOpenAICompatibleRequest(
      {
        messages: hi,
        temperature: 0.1,
        providerOptions: {
          openai: { seed: 1, temperature: 0.5 },
          ollama: { seed: 2, keep_alive: '5m' },
          anthropic: { top_k: 3 },
        },
      },
      { ...defaults, providerOptionKeys: ['openai', 'ollama'] },
    );
    expect(body).toMatchObject({ seed: 2, temperature: 0.5, keep_alive: '5m' });
    expect(body).not.toHaveProperty('top_k');
  });

  it('sends the vendor’s JSON output: its response_format and the messages it returns', () => {
    const seen: unknown[] = [];
    const body = buildOpenAICompatibleRequest(
      { messages: hi, responseFormat: { type: 'json' } },
      {
        ...defaults,
        jsonOutput: (format, messages) => {
          seen.push(format);
          return {
            responseFormat: { type: 'json_object' },
            messages: [{ role: 'system', content: 'JSON only.' }, ...messages],
          };
        },
      },
    );
    expect(seen).toEqual([{ type: 'json' }]);
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages).toEqual([
      { role: 'system', content: 'JSON only.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('sends no response_format without a jsonOutput, or when it returns none', () => {
    expect(
      buildOpenAICompatibleRequest({ messages: hi, responseFormat: { type: 'json' } }, defaults),
    ).not.toHaveProperty('response_format');
    const body = buildOpenAICompatibleRequest(
      { messages: hi },
      { ...defaults, jsonOutput: (_format, messages) => ({ responseFormat: undefined, messages }) },
    );
    expect(body).not.toHaveProperty('response_format');
  });
});

describe('providerOptionsFor', () => {
  it('merges only the given keys, later keys winning', () => {
    expect(
      providerOptionsFor(
        { messages: hi, providerOptions: { a: { x: 1, y: 1 }, b: { y: 2 }, c: { z: 3 } } },
        ['a', 'b'],
      ),
    ).toEqual({ x: 1, y: 2 });
    expect(providerOptionsFor({ messages: hi }, ['a'])).toEqual({});
  });
});
