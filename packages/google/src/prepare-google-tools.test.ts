import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { geminiType } from './gemini-wire.js';
import { prepareGoogleTools } from './prepare-google-tools.js';

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: z.object({ city: z.string() }),
};

describe('prepareGoogleTools', () => {
  it('sends one functionDeclarations tool with converted parameters (none for a tool without any)', () => {
    expect(
      prepareGoogleTools({ tools: [weather, { name: 'now', parameters: z.object({}) }] }).tools,
    ).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: {
              type: geminiType.OBJECT,
              properties: { city: { type: geminiType.STRING } },
              required: ['city'],
            },
          },
          { name: 'now' },
        ],
      },
    ]);
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['required', { mode: 'ANY' }],
    ['none', { mode: 'NONE' }],
    [{ name: 'get_weather' }, { mode: 'ANY', allowedFunctionNames: ['get_weather'] }],
  ] as const)('maps tool choice %j', (choice, expected) => {
    expect(prepareGoogleTools({ tools: [weather], toolChoice: choice }).toolConfig).toEqual({
      functionCallingConfig: expected,
    });
  });

  it('sends nothing without tools', () => {
    expect(prepareGoogleTools({})).toEqual({ tools: undefined, toolConfig: undefined });
  });
});
