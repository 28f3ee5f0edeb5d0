import { describe, expect, it } from 'vitest';
import {
  convertToOpenAICompatibleMessages,
  toolResultText,
} from './convert-to-openai-compatible-messages.js';

describe('convertToOpenAICompatibleMessages', () => {
  it('maps system, text and image parts (url and base64)', () => {
    expect(
      convertToOpenAICompatibleMessages([
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
            {
              type: 'image',
              source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
            },
          ],
        },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
  });

  it('maps assistant tool calls and tool results', () => {
    expect(
      convertToOpenAICompatibleMessages([
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            {
              id: 'call_1',
              name: 'get_weather',
              args: { city: 'Paris' },
              rawArgs: '{"city":"Paris"}',
            },
          ],
        },
        { role: 'tool', toolCallId: 'call_1', result: { tempC: 21 } },
        { role: 'tool', toolCallId: 'call_2', result: 'sunny' },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":21}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'sunny' },
    ]);
  });

  it('sends back the raw arguments of a call whose JSON never parsed', () => {
    const [message] = convertToOpenAICompatibleMessages([
      {
        role: 'assistant',
        content: 'x',
        toolCalls: [{ id: 'c', name: 't', args: undefined, rawArgs: '{bad' }],
      },
    ]);
    expect(message).toMatchObject({
      content: 'x',
      tool_calls: [{ function: { arguments: '{bad' } }],
    });
  });

  it('keeps a plain assistant message as text, even when empty', () => {
    expect(convertToOpenAICompatibleMessages([{ role: 'assistant', content: '' }])).toEqual([
      { role: 'assistant', content: '' },
    ]);
  });
});

describe('toolResultText', () => {
  it('keeps strings and serialises anything else, undefined as null', () => {
    expect(toolResultText('sunny')).toBe('sunny');
    expect(toolResultText([1, 2])).toBe('[1,2]');
    expect(toolResultText(undefined)).toBe('null');
  });
});
