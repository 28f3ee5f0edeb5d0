import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildGroqRequest } from './build-groq-request.js';

const defaults = { model: 'llama-3.3-70b-versatile', providerOptionKeys: ['groq'] };

describe('buildGroqRequest', () => {
  it('applies settings defaults and sends the limit as max_completion_tokens', () => {
    const body = buildGroqRequest({ messages: [{ role: 'user', content: 'Hi' }] }, { ...defaults, temperature: 0.3, maxTokens: 50 });
    expect(body).toEqual({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.3, max_completion_tokens: 50 });
  });

  it('maps stop, topP, tools and a named tool choice', () => {
    const body = buildGroqRequest(
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
    const body = buildGroqRequest(
      { messages: [{ role: 'user', content: 'Hi' }], temperature: 0.1, providerOptions: { groq: { seed: 1, temperature: 0.5 }, 'groq-eu': { seed: 2, service_tier: 'flex' }, openai: { store: true } } },
      { ...defaults, providerOptionKeys: ['groq', 'groq-eu'] },
    );
    expect(body).toMatchObject({ seed: 2, temperature: 0.5, service_tier: 'flex' });
    expect(body).not.toHaveProperty('store');
  });

  it('asks for JSON mode and describes the schema in a system message after the caller’s own', () => {
    const body = buildGroqRequest(
      { messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Paris?' }], responseFormat: { type: 'json', schema: z.object({ city: z.string() }) } },
      defaults,
    );
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'system', 'user']);
    const instruction = body.messages[1]?.content as string;
    expect(instruction).toContain('JSON Schema');
    expect(JSON.parse(instruction.slice(instruction.indexOf('{')))).toEqual({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
  });

  it('still asks for a JSON object when no schema is given', () => {
    const body = buildGroqRequest({ messages: [{ role: 'user', content: 'Colours' }], responseFormat: { type: 'json' } }, defaults);
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Respond with a single JSON object. Output only the JSON.' });
  });
});
