import type { ChatRequest, ChatResult } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bannedPattern, minLength, nonEmpty, schemaValidator, scoreAtLeast } from './validators.js';

const result = (text: string, extra: Partial<ChatResult<unknown>> = {}): ChatResult<unknown> => ({
  text,
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  provider: 'p',
  model: 'm',
  latencyMs: 1,
  costUsd: 0,
  ...extra,
});
const request: ChatRequest<unknown> = { messages: [{ role: 'user', content: 'hi' }] };

describe('built-in validators', () => {
  it('minLength / nonEmpty: rejects short or blank text, accepts tool-call answers', () => {
    expect(minLength(5).validate(result('  abc  '), request)).toMatch(/3 characters, fewer than 5/);
    expect(minLength(3).validate(result('abc'), request)).toBeUndefined();
    expect(nonEmpty().validate(result('   '), request)).toMatch(/0 characters, fewer than 1/);
    expect(nonEmpty().name).toBe('nonEmpty');
    expect(
      nonEmpty().validate(
        result('', { toolCalls: [{ id: '1', name: 't', args: {}, rawArgs: '{}' }] }),
        request,
      ),
    ).toBeUndefined();
  });

  it('bannedPattern: rejects a match, also with a global regex used twice', () => {
    const banned = bannedPattern(/as an ai/gi);
    expect(banned.validate(result('As an AI, I cannot'), request)).toMatch(/banned pattern/);
    expect(banned.validate(result('As an AI, I cannot'), request)).toMatch(/banned pattern/);
    expect(banned.validate(result('Sure, here it is'), request)).toBeUndefined();
  });

  it('schemaValidator: the object must parse and match the zod schema', () => {
    const schema = z.object({ city: z.string() });
    expect(schemaValidator(schema).validate(result('{"city":"Paris"}'), request)).toBeUndefined();
    expect(schemaValidator(schema).validate(result('{"town":"Paris"}'), request)).toMatch(
      /does not match the schema/,
    );
    expect(schemaValidator(schema).validate(result('not json'), request)).toMatch(/not valid JSON/);
  });

  it("schemaValidator without a schema uses the request's responseFormat; text requests pass", () => {
    const jsonRequest: ChatRequest<unknown> = {
      ...request,
      responseFormat: { type: 'json', schema: z.object({ n: z.number() }) },
    };
    expect(schemaValidator().validate(result('{"n":"x"}'), jsonRequest)).toMatch(/schema/);
    expect(schemaValidator().validate(result('{"n":1}'), jsonRequest)).toBeUndefined();
    expect(schemaValidator().validate(result('plain text'), request)).toBeUndefined();
  });

  it('scoreAtLeast: async scores against the threshold; a throwing scorer rejects', async () => {
    expect(await scoreAtLeast(async () => 0.8, 0.7).validate(result('x'), request)).toBeUndefined();
    expect(await scoreAtLeast(() => 0.2, 0.7).validate(result('x'), request)).toMatch(
      /0.2 is below 0.7/,
    );
    expect(
      await scoreAtLeast(async () => Promise.reject(new Error('judge down')), 0.5).validate(
        result('x'),
        request,
      ),
    ).toMatch(/judge down/);
    expect(await scoreAtLeast(() => Number.NaN, 0.5).validate(result('x'), request)).toMatch(
      /not a number/,
    );
  });
});
