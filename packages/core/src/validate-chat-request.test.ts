import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { toChatRequest } from './request.js';
import { validateChatRequest } from './validate-chat-request.js';

function rejection(fn: () => unknown): InvalidRequestError {
  try {
    fn();
  } catch (error) {
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

const user = { role: 'user', content: 'hi' } as const;
const tool = { name: 'lookup', parameters: z.object({ q: z.string() }) };
const jsonTool = {
  name: 'search',
  parameters: { type: 'object', properties: { q: { type: 'string' } } },
};
const circular: Record<string, unknown> = { a: 1 };
circular['self'] = circular;
const cyclicSchema: Record<string, unknown> = { type: 'object', properties: {} };
(cyclicSchema['properties'] as Record<string, unknown>)['child'] = cyclicSchema;
/** What a zod 3 object looks like to us: `_def` and `safeParse`, no `_zod`. */
const zod3Object = { _def: { typeName: 'ZodObject', shape: () => ({}) }, safeParse: () => ({}) };

const r = (extra: Record<string, unknown>): ChatRequest =>
  ({ messages: [user], ...extra }) as never;

// Every malformed request of the hardening issue: the field named, and (in the message) the fix.
const cases: [label: string, request: unknown, field: string, fix: RegExp][] = [
  ['not an object', null, 'request', /ChatRequest object/],
  ['empty messages', { messages: [] }, 'messages', /non-empty array/],
  ['messages not an array', { messages: 'hi' }, 'messages', /non-empty array/],
  ['null message', { messages: [null] }, 'messages.0', /message object; received null/],
  ['unknown role', { messages: [{ role: 'bot', content: 'x' }] }, 'messages.0.role', /'system'/],
  [
    'content a number',
    { messages: [{ role: 'user', content: 5 }] },
    'messages.0.content',
    /received 5/,
  ],
  [
    'content an object',
    { messages: [{ role: 'user', content: {} }] },
    'messages.0.content',
    /string or an array of parts/,
  ],
  [
    'assistant content parts',
    { messages: [{ role: 'assistant', content: ['x'] }] },
    'messages.0.content',
    /must be a string/,
  ],
  [
    'empty parts',
    { messages: [{ role: 'user', content: [] }] },
    'messages.0.content',
    /at least one part/,
  ],
  [
    'null part',
    { messages: [{ role: 'user', content: [null] }] },
    'messages.0.content.0',
    /received null/,
  ],
  [
    'unknown part',
    { messages: [{ role: 'user', content: [{ type: 'audio' }] }] },
    'messages.0.content.0.type',
    /'text' or 'image'/,
  ],
  [
    'text part without text',
    { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
    'messages.0.content.0.text',
    /string/,
  ],
  [
    'image without source',
    { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
    'messages.0.content.0.source',
    /kind: 'url'/,
  ],
  [
    'image unknown source kind',
    { messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'file' } }] }] },
    'messages.0.content.0.source.kind',
    /'url' or 'base64'/,
  ],
  [
    'image url missing',
    { messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url' } }] }] },
    'messages.0.content.0.source.url',
    /URL string/,
  ],
  [
    'base64 without mediaType',
    {
      messages: [
        { role: 'user', content: [{ type: 'image', source: { kind: 'base64', data: 'AA==' } }] },
      ],
    },
    'messages.0.content.0.source.mediaType',
    /image\/png/,
  ],
  [
    'tool message without id',
    { messages: [user, { role: 'tool', toolCallId: '', result: 'x' }] },
    'messages.1.toolCallId',
    /id of the tool call/,
  ],
  [
    'assistant toolCalls not an array',
    { messages: [{ role: 'assistant', content: '', toolCalls: {} }] },
    'messages.0.toolCalls',
    /array/,
  ],
  ['stop as a string', r({ stop: '\n' }), 'stop', /array of strings/],
  ['stop with a number', r({ stop: ['a', 1] }), 'stop.1', /string/],
  ['model empty', r({ model: '' }), 'model', /non-empty model id/],
  ['model a number', r({ model: 123 }), 'model', /received 123/],
  ['temperature NaN', r({ temperature: Number.NaN }), 'temperature', /received NaN/],
  [
    'temperature Infinity',
    r({ temperature: Infinity }),
    'temperature',
    /finite number from 0 to 2/,
  ],
  ['temperature -1', r({ temperature: -1 }), 'temperature', /from 0 to 2/],
  ['temperature "0.5"', r({ temperature: '0.5' }), 'temperature', /received the string "0.5"/],
  ['topP 2', r({ topP: 2 }), 'topP', /from 0 to 1/],
  ['topP -0.1', r({ topP: -0.1 }), 'topP', /from 0 to 1/],
  ['maxTokens 0', r({ maxTokens: 0 }), 'maxTokens', /positive integer/],
  ['maxTokens 1.5', r({ maxTokens: 1.5 }), 'maxTokens', /positive integer/],
  ['maxTokens "100"', r({ maxTokens: '100' }), 'maxTokens', /received the string "100"/],
  ['toolChoice without tools', r({ toolChoice: 'required' }), 'toolChoice', /at least one tool/],
  [
    'toolChoice unknown string',
    r({ tools: [tool], toolChoice: 'any' }),
    'toolChoice',
    /'auto', 'none', 'required'/,
  ],
  [
    'toolChoice unknown tool',
    r({ tools: [tool], toolChoice: { name: 'x' } }),
    'toolChoice.name',
    /no tool named "x"/,
  ],
  ['tools not an array', r({ tools: tool }), 'tools', /array of tools/],
  ['null tool', r({ tools: [null] }), 'tools.0', /received null/],
  [
    'tool name with spaces',
    r({ tools: [{ ...tool, name: 'look up' }] }),
    'tools.0.name',
    /no spaces/,
  ],
  [
    'duplicate tool names',
    r({ tools: [tool, { ...jsonTool, name: 'lookup' }] }),
    'tools.1.name',
    /duplicate tool name "lookup"/,
  ],
  [
    'tool without parameters',
    r({ tools: [{ name: 'x' }] }),
    'tools.0.parameters',
    /zod 4 schema or a JSON Schema/,
  ],
  [
    'tool parameters an array',
    r({ tools: [{ name: 'x', parameters: [] }] }),
    'tools.0.parameters',
    /received an array/,
  ],
  [
    'tool schema not an object',
    r({ tools: [{ name: 'x', parameters: { type: 'string' } }] }),
    'tools.0.parameters',
    /must describe an object/,
  ],
  [
    'tool schema type a number',
    r({ tools: [{ name: 'x', parameters: { type: 5 } }] }),
    'tools.0.parameters',
    /"type" must be a string/,
  ],
  [
    'tool schema properties a string',
    r({ tools: [{ name: 'x', parameters: { type: 'object', properties: 'q' } }] }),
    'tools.0.parameters',
    /"properties" must be an object/,
  ],
  [
    'recursive tool schema',
    r({ tools: [{ name: 'x', parameters: cyclicSchema }] }),
    'tools.0.parameters',
    /\$ref/,
  ],
  [
    'zod string as tool parameters',
    r({ tools: [{ name: 'x', parameters: z.string() }] }),
    'tools.0.parameters',
    /z\.object/,
  ],
  [
    'zod 3 tool schema',
    r({ tools: [{ name: 'x', parameters: zod3Object }] }),
    'tools.0.parameters',
    /zod 3 schema: modelmux needs zod 4/,
  ],
  [
    'responseFormat xml',
    r({ responseFormat: { type: 'xml' } }),
    'responseFormat.type',
    /'text' or 'json'/,
  ],
  [
    'responseFormat a string',
    r({ responseFormat: 'json' }),
    'responseFormat.type',
    /'text' or 'json'/,
  ],
  [
    'responseFormat zod 3 schema',
    r({ responseFormat: { type: 'json', schema: zod3Object } }),
    'responseFormat.schema',
    /zod 3/,
  ],
  ['signal not an AbortSignal', r({ signal: { aborted: false } }), 'signal', /AbortSignal/],
  ['signal a string', r({ signal: 'stop' }), 'signal', /AbortSignal/],
  ['metadata a string', r({ metadata: 'u1' }), 'metadata', /object/],
  [
    'providerOptions not an object',
    r({ providerOptions: 'x' }),
    'providerOptions',
    /keyed by provider type/,
  ],
  [
    'providerOptions vendor not an object',
    r({ providerOptions: { openai: 1 } }),
    'providerOptions.openai',
    /object of body fields/,
  ],
  [
    'circular providerOptions',
    r({ providerOptions: { openai: circular } }),
    'providerOptions',
    /JSON-serialisable/,
  ],
  [
    'BigInt providerOptions',
    r({ providerOptions: { openai: { seed: 1n } } }),
    'providerOptions',
    /JSON-serialisable/,
  ],
  [
    'openai n: 2',
    r({ providerOptions: { openai: { n: 2 } } }),
    'providerOptions.openai.n',
    /one choice per call/,
  ],
  ['groq n: 3', r({ providerOptions: { groq: { n: 3 } } }), 'providerOptions.groq.n', /one choice/],
  [
    'google candidateCount: 2',
    r({ providerOptions: { google: { candidateCount: 2 } } }),
    'providerOptions.google.candidateCount',
    /one choice/,
  ],
  // Issue 24: inputs that reached the vendor (or a raw TypeError) instead of a typed refusal.
  [
    'empty user content',
    { messages: [{ role: 'user', content: '' }] },
    'messages.0.content',
    /is empty/,
  ],
  [
    'blank system content',
    { messages: [{ role: 'system', content: '  ' }, user] },
    'messages.0.content',
    /is empty/,
  ],
  [
    'empty text part',
    { messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
    'messages.0.content.0.text',
    /is empty/,
  ],
  [
    'empty assistant content without tool calls',
    { messages: [user, { role: 'assistant', content: '' }, user] },
    'messages.1.content',
    /is empty/,
  ],
  ['circular metadata', r({ metadata: circular }), 'metadata', /JSON-serialisable/],
  [
    'circular tool result',
    {
      messages: [
        user,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'c1', name: 'f', args: {}, rawArgs: '{}' }],
        },
        { role: 'tool', toolCallId: 'c1', result: circular },
      ],
    },
    'messages.2.result',
    /JSON-serialisable/,
  ],
  [
    'array schema without items',
    r({ responseFormat: { type: 'json', schema: { type: 'array' } } }),
    'responseFormat.schema',
    /"items"/,
  ],
  [
    'nested array property without items',
    r({
      tools: [
        { name: 'tags', parameters: { type: 'object', properties: { xs: { type: 'array' } } } },
      ],
    }),
    'tools.0.parameters',
    /properties\.xs.*"items"/,
  ],
];

describe('validateChatRequest: every malformed request is an InvalidRequestError naming the field and the fix', () => {
  test.each(cases)('%s → %s', (_label, request, field, fix) => {
    const error = rejection(() => validateChatRequest(request as ChatRequest));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(fix);
    expect(error.message).toContain(`"${field}"`);
    expect(error.kind).toBe('bad_request');
    expect(error.isRetryable).toBe(false);
  });

  test('toChatRequest rejects the same requests (and a raw TypeError never escapes)', () => {
    for (const [, request, field] of cases.filter(([, req]) => req !== null)) {
      expect(rejection(() => toChatRequest(request as ChatRequest)).field).toBe(field);
    }
  });

  test('toChatRequest rejects an empty prompt and accepts a plain prompt', () => {
    expect(rejection(() => toChatRequest('  ')).field).toBe('input');
    expect(toChatRequest('hello')).toEqual({ messages: [{ role: 'user', content: 'hello' }] });
  });

  test('accepts every valid shape', () => {
    const valid: ChatRequest[] = [
      {
        messages: [user],
        providerOptions: { openai: { n: 1, seed: 7 }, google: undefined as never },
      },
      { messages: [user], tools: [tool, jsonTool], toolChoice: 'auto' },
      { messages: [user], tools: [{ name: 'free', parameters: {} }] },
      { messages: [user], responseFormat: { type: 'json', schema: z.array(z.string()) } },
      {
        messages: [user],
        responseFormat: { type: 'json', schema: { type: 'array', items: { type: 'string' } } },
      },
      {
        messages: [
          user,
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'c1', name: 'f', args: {}, rawArgs: '{}' }],
          },
          { role: 'tool', toolCallId: 'c1', result: { ok: true } },
        ],
      },
      { messages: [user], responseFormat: { type: 'text' }, stop: ['END'], model: 'gpt-4o' },
      { messages: [user], signal: new AbortController().signal, metadata: { userId: 'u1' } },
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'base64', data: 'AA==', mediaType: 'image/png' } },
            ],
          },
        ],
      },
    ];
    for (const request of valid) expect(() => validateChatRequest(request)).not.toThrow();
  });
});

describe('validateChatRequest: the cost of a check', () => {
  test('serialises a tool schema object once, however many requests (and checks) reuse it', () => {
    let serialised = 0;
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string' } },
      toJSON() {
        serialised += 1;
        return { type: 'object', properties: { city: { type: 'string' } } };
      },
    };
    const request: ChatRequest = { messages: [user], tools: [{ name: 'weather', parameters }] };
    validateChatRequest(request); // the executor's entry
    validateChatRequest(request); // the adapter's entry
    validateChatRequest({ ...request, temperature: 0.5 }); // the next request, same tools
    expect(serialised).toBe(1);
  });

  test('a schema that failed to serialise is checked again (never cached as good)', () => {
    const parameters: Record<string, unknown> = { type: 'object' };
    parameters['properties'] = { self: parameters };
    const request: ChatRequest = { messages: [user], tools: [{ name: 'loop', parameters }] };
    expect(rejection(() => validateChatRequest(request)).field).toBe('tools.0.parameters');
    expect(rejection(() => validateChatRequest(request)).field).toBe('tools.0.parameters');
  });

  test('names the part of a later message that is wrong (field names are built on failure)', () => {
    const request = {
      messages: [
        user,
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 7 },
          ],
        },
      ],
    } as unknown as ChatRequest;
    expect(rejection(() => validateChatRequest(request)).field).toBe('messages.1.content.1.text');
    const tool = { messages: [user, { role: 'tool', toolCallId: 'c1', toolName: 3 }] };
    expect(rejection(() => validateChatRequest(tool as unknown as ChatRequest)).field).toBe(
      'messages.1.toolName',
    );
  });
});
