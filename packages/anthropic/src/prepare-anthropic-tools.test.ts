import { InvalidRequestError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonOutputToolName, prepareAnthropicTools } from './prepare-anthropic-tools.js';

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: z.object({ city: z.string() }),
};

describe('prepareAnthropicTools', () => {
  it('maps zod and JSON Schema tools to input_schema', () => {
    const { tools, toolChoice } = prepareAnthropicTools({
      tools: [weather, { name: 'now', parameters: { properties: {} } }],
    });
    expect(tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather for a city',
        input_schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(toolChoice).toBeUndefined();
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [{ name: 'get_weather' }, { type: 'tool', name: 'get_weather' }],
  ] as const)('maps tool choice %j', (choice, expected) => {
    expect(prepareAnthropicTools({ tools: [weather], toolChoice: choice }).toolChoice).toEqual(
      expected,
    );
  });

  it('sends no tools and no choice when there are no tools', () => {
    expect(prepareAnthropicTools({ toolChoice: 'none' })).toEqual({
      tools: undefined,
      toolChoice: undefined,
      jsonOutput: undefined,
    });
  });

  it('forces a JSON-output tool whose input schema is the requested schema', () => {
    const prepared = prepareAnthropicTools({
      responseFormat: { type: 'json', schema: z.object({ answer: z.number() }) },
    });
    expect(prepared.tools).toEqual([
      {
        name: jsonOutputToolName,
        description: 'Answer with JSON matching this schema.',
        input_schema: {
          type: 'object',
          properties: { answer: { type: 'number' } },
          required: ['answer'],
        },
      },
    ]);
    expect(prepared.toolChoice).toEqual({ type: 'tool', name: jsonOutputToolName });
    expect(prepared.jsonOutput).toEqual({ toolName: jsonOutputToolName, wrapped: false });
  });

  it('wraps a non-object schema as { value } (Anthropic needs an object input)', () => {
    const prepared = prepareAnthropicTools({
      responseFormat: { type: 'json', schema: z.array(z.string()) },
    });
    expect(prepared.tools?.[0]?.input_schema).toEqual({
      type: 'object',
      properties: { value: { type: 'array', items: { type: 'string' } } },
      required: ['value'],
    });
    expect(prepared.jsonOutput?.wrapped).toBe(true);
  });

  it('offers the JSON tool beside usable user tools with tool_choice any', () => {
    const prepared = prepareAnthropicTools({
      tools: [weather],
      toolChoice: 'auto',
      responseFormat: { type: 'json' },
    });
    expect(prepared.tools?.map((t) => t.name)).toEqual(['get_weather', jsonOutputToolName]);
    expect(prepared.toolChoice).toEqual({ type: 'any' });
  });

  it('forces the JSON tool when user tools are switched off', () => {
    const prepared = prepareAnthropicTools({
      tools: [weather],
      toolChoice: 'none',
      responseFormat: { type: 'json' },
    });
    expect(prepared.toolChoice).toEqual({ type: 'tool', name: jsonOutputToolName });
  });

  it('rejects a user tool named like the JSON-output tool', () => {
    expect(() =>
      prepareAnthropicTools({
        tools: [{ ...weather, name: jsonOutputToolName }],
        responseFormat: { type: 'json' },
      }),
    ).toThrow(InvalidRequestError);
  });
});
