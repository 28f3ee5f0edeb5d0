import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildGroqRequest } from './build-groq-request.js';

const defaults = { model: 'llama-3.3-70b-versatile', providerOptionKeys: ['groq'] };

describe('buildGroqRequest', () => {
  it('applies settings defaults and sends the limit as max_completion_tokens', () => {
    const body = buildGroqRequest(
      { messages: [{ role: 'user', content: 'Hi' }] },
      { ...defaults, temperature: 0.3, maxTokens: 50 },
    );
    expect(body).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      max_completion_tokens: 50,
    });
  });

  it('asks for JSON mode and describes the schema in a system message after the caller’s own', () => {
    const body = buildGroqRequest(
      {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Paris?' },
        ],
        responseFormat: { type: 'json', schema: z.object({ city: z.string() }) },
      },
      defaults,
    );
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'system', 'user']);
    const instruction = body.messages[1]?.content as string;
    expect(instruction).toContain('JSON Schema');
    expect(JSON.parse(instruction.slice(instruction.indexOf('{')))).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    });
  });

  it('still asks for a JSON object when no schema is given', () => {
    const body = buildGroqRequest(
      { messages: [{ role: 'user', content: 'Colours' }], responseFormat: { type: 'json' } },
      defaults,
    );
    expect(body.messages[0]).toEqual({
      role: 'system',
      content: 'Respond with a single JSON object. Output only the JSON.',
    });
  });
});
