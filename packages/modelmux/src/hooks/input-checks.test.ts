import { type ChatRequest, defaultHooksConfig, InvalidRequestError } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { checkInput } from './input-checks.js';

const hooks = defaultHooksConfig;

describe('checkInput (the built-in beforeRequest checks)', () => {
  test('a clean request is returned as it is (no copy)', () => {
    const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello\n\tworld' }] };
    expect(checkInput(request, hooks)).toBe(request);
  });

  test('strips C0 controls (not tab, LF, CR), DEL and C1 controls from every text, copy on write', () => {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'be\u0000 brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a\u001bb\u007fc\u0085d\r\n' },
            { type: 'image', image: { url: 'https://example.com/x.png' } } as never,
          ],
        },
        { role: 'tool', toolCallId: 't1', result: 'kept\u0000' },
      ],
    };
    const cleaned = checkInput(request, hooks);
    expect(cleaned).not.toBe(request);
    expect(cleaned.messages[0]).toEqual({ role: 'system', content: 'be brief' });
    expect(cleaned.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'abcd\r\n' },
        { type: 'image', image: { url: 'https://example.com/x.png' } },
      ],
    });
    expect(cleaned.messages[2]).toBe(request.messages[2]);
    expect(request.messages[0]).toEqual({ role: 'system', content: 'be\u0000 brief' });
  });

  test('stripControlCharacters: false keeps them', () => {
    const request: ChatRequest = { messages: [{ role: 'user', content: 'a\u0007' }] };
    expect(checkInput(request, { ...hooks, stripControlCharacters: false })).toBe(request);
  });

  test('over maxInputChars (all texts together): InvalidRequestError on messages with the fix', () => {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'x'.repeat(6) },
        { role: 'user', content: 'y'.repeat(5) },
      ],
    };
    expect(checkInput(request, { ...hooks, maxInputChars: 11 })).toBe(request);
    let error: unknown;
    try {
      checkInput(request, { ...hooks, maxInputChars: 10 });
    } catch (e) {
      error = e;
    }
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'messages' });
    expect((error as Error).message).toMatch(
      /11 characters, above the limit of 10.*hooks\.maxInputChars/,
    );
  });
});
