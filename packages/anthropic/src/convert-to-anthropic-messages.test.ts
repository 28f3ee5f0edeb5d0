import { InvalidRequestError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicMessages, toolResultText } from './convert-to-anthropic-messages.js';

describe('convertToAnthropicMessages', () => {
  it('joins every system message into the top-level system, in order', () => {
    const { system, messages } = convertToAnthropicMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Answer in French.' },
    ]);
    expect(system).toBe('Be brief.\n\nAnswer in French.');
    expect(messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('has no system when there is no system message', () => {
    expect(convertToAnthropicMessages([{ role: 'user', content: 'Hi' }]).system).toBeUndefined();
  });

  it('maps base64, url and data: URL images to image blocks', () => {
    const { messages } = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          {
            type: 'image',
            source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
          { type: 'image', source: { kind: 'url', url: 'data:image/webp;base64,UklGRg==' } },
        ],
      },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGRg==' } },
    ]);
  });

  it('rejects an image URL that is neither http(s) nor data:', () => {
    expect(() =>
      convertToAnthropicMessages([
        {
          role: 'user',
          content: [{ type: 'image', source: { kind: 'url', url: 'ftp://x/y.png' } }],
        },
      ]),
    ).toThrow(InvalidRequestError);
  });

  it('maps a tool round trip to tool_use / tool_result blocks and merges consecutive same-role turns', () => {
    const { messages } = convertToAnthropicMessages([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        toolCalls: [
          {
            id: 'toolu_1',
            name: 'get_weather',
            args: { city: 'Paris' },
            rawArgs: '{"city":"Paris"}',
          },
          { id: 'toolu_2', name: 'get_weather', args: undefined, rawArgs: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', result: { tempC: 21 } },
      { role: 'tool', toolCallId: 'toolu_2', toolName: 'get_weather', result: 'sunny, 25C' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"tempC":21}' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'sunny, 25C' },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ]);
  });

  it('drops empty text (an assistant turn with only tool calls has no text block)', () => {
    const { messages } = convertToAnthropicMessages([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 't', name: 'run', args: {}, rawArgs: '{}' }],
      },
    ]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 't', name: 'run', input: {} }],
    });
  });

  it('merges two user messages in a row', () => {
    const { messages } = convertToAnthropicMessages([
      { role: 'user', content: 'one' },
      { role: 'user', content: 'two' },
    ]);
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
  });

  it('rejects tool arguments that are not an object', () => {
    expect(() =>
      convertToAnthropicMessages([
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 't', name: 'run', args: [1, 2], rawArgs: '[1,2]' }],
        },
      ]),
    ).toThrow(/JSON object/);
  });
});

describe('toolResultText', () => {
  it('keeps strings and serialises anything else', () => {
    expect(toolResultText('ok')).toBe('ok');
    expect(toolResultText({ a: 1 })).toBe('{"a":1}');
    expect(toolResultText(undefined)).toBe('null');
  });
});
