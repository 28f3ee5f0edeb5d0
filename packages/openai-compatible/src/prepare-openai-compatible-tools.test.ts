import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { prepareOpenAICompatibleTools } from './prepare-openai-compatible-tools.js';

const weather = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: z.object({ city: z.string() }),
};

describe('prepareOpenAICompatibleTools', () => {
  it('maps a zod tool to a function tool with its JSON Schema, and a named choice', () => {
    expect(prepareOpenAICompatibleTools([weather], { name: 'get_weather' })).toEqual({
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather of a city',
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
  });

  it('passes string choices through and leaves out a missing description and choice', () => {
    const schema = { type: 'object', properties: {} };
    expect(prepareOpenAICompatibleTools([{ name: 'now', parameters: schema }], 'required')).toEqual(
      {
        tools: [{ type: 'function', function: { name: 'now', parameters: schema } }],
        tool_choice: 'required',
      },
    );
    expect(
      prepareOpenAICompatibleTools([{ name: 'now', parameters: schema }], undefined),
    ).not.toHaveProperty('tool_choice');
  });

  it('sends neither field without tools, even for toolChoice none', () => {
    expect(prepareOpenAICompatibleTools(undefined, 'none')).toEqual({});
    expect(prepareOpenAICompatibleTools([], 'none')).toEqual({});
  });
});
