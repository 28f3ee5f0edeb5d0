import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { promptToMessages, toChatRequest, validateChatRequest } from './request.js';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    return (error as InvalidRequestError).field;
  }
  throw new Error('expected an InvalidRequestError');
}

const user = { role: 'user', content: 'hi' } as const;
const tool = { name: 'lookup', parameters: z.object({ q: z.string() }) };

describe('promptToMessages', () => {
  test('makes one user message', () => {
    expect(promptToMessages('Hello')).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  test('puts the system message first', () => {
    expect(promptToMessages('Hello', 'Be brief.')).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ]);
  });
});

describe('toChatRequest', () => {
  test('accepts a prompt, messages or a request', () => {
    expect(toChatRequest('Hello')).toEqual({ messages: [{ role: 'user', content: 'Hello' }] });
    expect(toChatRequest([user])).toEqual({ messages: [user] });
    const request: ChatRequest = { messages: [user], temperature: 0.2 };
    expect(toChatRequest(request)).toEqual(request);
  });

  test('applies overrides without changing the input', () => {
    const request: ChatRequest = { messages: [user], temperature: 0.2 };
    expect(toChatRequest(request, { model: 'gpt-4o', temperature: 1 })).toEqual({
      messages: [user],
      model: 'gpt-4o',
      temperature: 1,
    });
    expect(request).toEqual({ messages: [user], temperature: 0.2 });
  });

  test('rejects anything else as the input', () => {
    expect(fieldOf(() => toChatRequest(42 as never))).toBe('input');
    expect(fieldOf(() => toChatRequest(null as never))).toBe('input');
  });

  test('validates what it builds', () => {
    expect(fieldOf(() => toChatRequest([]))).toBe('messages');
    expect(fieldOf(() => toChatRequest('hi', { maxTokens: -1 }))).toBe('maxTokens');
  });
});

describe('validateChatRequest', () => {
  test.each<[string, ChatRequest]>([
    ['messages', { messages: [] }],
    ['messages', { messages: 'hi' as never }],
    ['messages.1.role', { messages: [user, { role: 'bot', content: 'x' } as never] }],
    ['messages.0', { messages: [null as never] }],
    ['messages.0.content', { messages: [{ role: 'assistant', content: ['x'] } as never] }],
    ['messages.0.content', { messages: [{ role: 'system', content: undefined } as never] }],
    ['messages.0.content', { messages: [{ role: 'user', content: 5 } as never] }],
    ['messages.1.toolCallId', { messages: [user, { role: 'tool', toolCallId: '', result: 'x' }] }],
    ['temperature', { messages: [user], temperature: 2.5 }],
    ['temperature', { messages: [user], temperature: Number.NaN }],
    ['topP', { messages: [user], topP: -0.1 }],
    ['maxTokens', { messages: [user], maxTokens: 0 }],
    ['maxTokens', { messages: [user], maxTokens: 10.5 }],
    ['toolChoice', { messages: [user], toolChoice: 'required' }],
    ['toolChoice.name', { messages: [user], tools: [tool], toolChoice: { name: 'other' } }],
    ['tools.0.name', { messages: [user], tools: [{ ...tool, name: 'has space' }] }],
    ['tools.1.name', { messages: [user], tools: [tool, { ...tool, name: 'x'.repeat(65) }] }],
    [
      'tools.0.parameters',
      { messages: [user], tools: [{ name: 'lookup', parameters: undefined as never }] },
    ],
  ])('names %s', (field, request) => {
    expect(fieldOf(() => validateChatRequest(request))).toBe(field);
  });

  test('the message names the field and the fix', () => {
    expect(() => validateChatRequest({ messages: [user], temperature: 3 })).toThrow(
      'Invalid request field "temperature": must be a finite number from 0 to 2; received 3',
    );
  });

  test('accepts valid requests, including multi-part user content and toolChoice none without tools', () => {
    expect(() =>
      validateChatRequest({
        messages: [
          { role: 'system', content: 's' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this?' },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/x.png' } },
            ],
          },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c1', name: 'lookup', args: {}, rawArgs: '{}' }],
          },
          { role: 'tool', toolCallId: 'c1', result: { ok: true } },
        ],
        temperature: 0,
        topP: 1,
        maxTokens: 1,
        tools: [tool],
        toolChoice: { name: 'lookup' },
      }),
    ).not.toThrow();
    expect(() => validateChatRequest({ messages: [user], toolChoice: 'none' })).not.toThrow();
  });
});
