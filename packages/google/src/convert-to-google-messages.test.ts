import { InvalidRequestError } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { convertToGoogleMessages, functionResponse } from './convert-to-google-messages.js';

describe('convertToGoogleMessages', () => {
  it('joins system messages into systemInstruction and maps roles to user/model', () => {
    expect(
      convertToGoogleMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'system', content: 'Use French.' },
        { role: 'user', content: 'Bye' },
      ]),
    ).toEqual({
      systemInstruction: 'Be brief.\n\nUse French.',
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Bye' }] },
      ],
    });
  });

  it('sends base64 and data: URL images inline and GCS / File API URIs as fileData', () => {
    const { contents } = convertToGoogleMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          {
            type: 'image',
            source: { kind: 'base64', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          },
          { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
          { type: 'image', source: { kind: 'url', url: 'gs://bucket/cat.webp' } },
          {
            type: 'image',
            source: {
              kind: 'url',
              url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123',
            },
          },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { text: 'Compare' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'gs://bucket/cat.webp' } },
      {
        fileData: {
          mimeType: 'image/jpeg',
          fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123',
        },
      },
    ]);
  });

  it('rejects a web image URL with an InvalidRequestError naming the part', () => {
    const convert = () =>
      convertToGoogleMessages([
        {
          role: 'user',
          content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } }],
        },
      ]);
    expect(convert).toThrow(InvalidRequestError);
    expect(convert).toThrow(/messages\.0\.content\.0/);
  });

  it('maps a tool round trip, looking up the tool name from the earlier call, results merged in one function turn', () => {
    const { contents } = convertToGoogleMessages([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          {
            id: 'call_a',
            name: 'get_weather',
            args: { city: 'Paris' },
            rawArgs: '{"city":"Paris"}',
          },
          { id: 'call_b', name: 'get_time', args: undefined, rawArgs: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_a', result: { tempC: 21 } },
      { role: 'tool', toolCallId: 'call_b', result: '10:00' },
    ]);
    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'get_time', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'function',
        parts: [
          { functionResponse: { name: 'get_weather', response: { tempC: 21 } } },
          { functionResponse: { name: 'get_time', response: { result: '10:00' } } },
        ],
      },
    ]);
  });

  it('uses toolName when given and rejects a result whose call it cannot find', () => {
    expect(
      convertToGoogleMessages([{ role: 'tool', toolCallId: 'x', toolName: 'lookup', result: 'ok' }])
        .contents[0],
    ).toEqual({
      role: 'function',
      parts: [{ functionResponse: { name: 'lookup', response: { result: 'ok' } } }],
    });
    expect(() =>
      convertToGoogleMessages([{ role: 'tool', toolCallId: 'missing', result: 'ok' }]),
    ).toThrow(/messages\.0\.toolName/);
  });
});

describe('functionResponse', () => {
  it('sends objects as they are and wraps anything else as { result }', () => {
    expect(functionResponse({ a: 1 })).toEqual({ a: 1 });
    expect(functionResponse('{"a":1}')).toEqual({ a: 1 });
    expect(functionResponse('plain')).toEqual({ result: 'plain' });
    expect(functionResponse([1, 2])).toEqual({ result: [1, 2] });
    expect(functionResponse(null)).toEqual({ result: null });
  });
});
