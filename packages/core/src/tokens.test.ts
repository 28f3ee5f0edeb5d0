import { encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { ChatRequest } from './chat.js';
import type { ContentPart } from './messages.js';
import { countRequestTokens, countTextTokens, tokenEstimates } from './tokens.js';

const base = tokenEstimates.perRequest + tokenEstimates.perMessage;
const user = (content: string | ContentPart[]): ChatRequest => ({
  messages: [{ role: 'user', content }],
});

describe('countTextTokens', () => {
  test('uses the o200k_base encoding', () => {
    const text = 'Привет, как дела? 你好世界';
    expect(encodeO200k(text).length).not.toBe(encodeCl100k(text).length);
    expect(countTextTokens(text)).toBe(encodeO200k(text).length);
    expect(countTextTokens('Hello world')).toBe(2);
    expect(countTextTokens('')).toBe(0);
  });

  test('treats special-token text in a prompt as plain text instead of throwing', () => {
    expect(countTextTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });
});

describe('countRequestTokens', () => {
  test('counts each message plus fixed framing', () => {
    expect(countRequestTokens(user('Hello world'))).toBe(base + 2);
    const two: ChatRequest = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello world' },
      ],
    };
    expect(countRequestTokens(two)).toBe(
      base + tokenEstimates.perMessage + countTextTokens('Be brief.') + 2,
    );
  });

  test('grows with the input', () => {
    expect(countRequestTokens(user('Hello world '.repeat(100)))).toBeGreaterThan(
      countRequestTokens(user('Hello world')) + 150,
    );
  });

  test('counts each image as the fixed estimate, whatever its size', () => {
    const small = countRequestTokens(
      user([
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
      ]),
    );
    const inline = countRequestTokens(
      user([
        { type: 'text', text: 'What is this?' },
        {
          type: 'image',
          source: { kind: 'base64', mediaType: 'image/png', data: 'A'.repeat(50_000) },
        },
      ]),
    );
    expect(small).toBe(base + countTextTokens('What is this?') + tokenEstimates.perImage);
    expect(inline).toBe(small);
  });

  test('counts tool definitions by name, description and JSON schema; zod and JSON Schema alike', () => {
    const zodTool = {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: z.object({ city: z.string() }),
    };
    const jsonTool = {
      ...zodTool,
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    const withZod = countRequestTokens({ ...user('hi'), tools: [zodTool] });
    expect(withZod).toBe(countRequestTokens({ ...user('hi'), tools: [jsonTool] }));
    expect(withZod - countRequestTokens(user('hi'))).toBe(
      tokenEstimates.perTool +
        countTextTokens('get_weather') +
        countTextTokens('Weather for a city') +
        countTextTokens(JSON.stringify(jsonTool.parameters)),
    );
  });

  test('counts a schema it cannot render as the fixed estimate', () => {
    const tool = { name: 'big', parameters: z.object({ n: z.bigint() }) };
    expect(
      countRequestTokens({ ...user('hi'), tools: [tool] }) - countRequestTokens(user('hi')),
    ).toBe(
      tokenEstimates.perTool + countTextTokens('big') + tokenEstimates.perUnrepresentableSchema,
    );
  });

  test('counts a JSON response schema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(
      countRequestTokens({ ...user('hi'), responseFormat: { type: 'json', schema } }) -
        countRequestTokens(user('hi')),
    ).toBe(countTextTokens(JSON.stringify(schema)));
    expect(countRequestTokens({ ...user('hi'), responseFormat: { type: 'json' } })).toBe(
      countRequestTokens(user('hi')),
    );
  });

  test('counts tool calls and tool results', () => {
    const request: ChatRequest = {
      messages: [
        { role: 'user', content: 'Weather?' },
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
      ],
    };
    expect(countRequestTokens(request)).toBe(
      base +
        countTextTokens('Weather?') +
        tokenEstimates.perMessage +
        tokenEstimates.perToolCall +
        countTextTokens('get_weather') +
        countTextTokens('{"city":"Paris"}') +
        tokenEstimates.perMessage +
        countTextTokens('call_1') +
        countTextTokens('{"tempC":21}'),
    );
  });
});
