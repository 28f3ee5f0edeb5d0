import { inspect } from 'node:util';
import { InvalidRequestError, type ChatRequest, type StreamEvent } from '@modelmux/core';
import { providerFailure } from '@modelmux/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConformanceContext } from './conformance-context.js';

const user = { role: 'user', content: 'Hello' } as const;
const circular: Record<string, unknown> = { seed: 1 };
circular['self'] = circular;

/** Malformed requests every adapter must reject, before any wire call, naming the field. */
const malformed: [label: string, request: unknown, field: string][] = [
  ['null', null, 'input'],
  ['empty messages', { messages: [] }, 'messages'],
  ['a null message', { messages: [null] }, 'messages.0'],
  ['content as a number', { messages: [{ role: 'user', content: 42 }] }, 'messages.0.content'],
  ['a null part', { messages: [{ role: 'user', content: [null] }] }, 'messages.0.content.0'],
  [
    'an image without source',
    { messages: [{ role: 'user', content: [{ type: 'image' }] }] },
    'messages.0.content.0.source',
  ],
  ['an unknown role', { messages: [{ role: 'bot', content: 'x' }] }, 'messages.0.role'],
  ['model 123', { messages: [user], model: 123 }, 'model'],
  ['temperature NaN', { messages: [user], temperature: Number.NaN }, 'temperature'],
  ['topP 2', { messages: [user], topP: 2 }, 'topP'],
  ['maxTokens "100"', { messages: [user], maxTokens: '100' }, 'maxTokens'],
  ['stop as a string', { messages: [user], stop: 'END' }, 'stop'],
  ['toolChoice without tools', { messages: [user], toolChoice: 'required' }, 'toolChoice'],
  [
    'a tool name with spaces',
    { messages: [user], tools: [{ name: 'get weather', parameters: z.object({}) }] },
    'tools.0.name',
  ],
  ['tools not an array', { messages: [user], tools: { name: 'x' } }, 'tools'],
  [
    'responseFormat xml',
    { messages: [user], responseFormat: { type: 'xml' } },
    'responseFormat.type',
  ],
  [
    'a signal that is not an AbortSignal',
    { messages: [user], signal: { aborted: false } },
    'signal',
  ],
  [
    'circular providerOptions',
    { messages: [user], providerOptions: { x: circular } },
    'providerOptions',
  ],
  [
    'n: 2',
    { messages: [user], providerOptions: { openai: { n: 2 }, groq: { n: 2 } } },
    'providerOptions.openai.n',
  ],
];

/**
 * Hardening every adapter shares through core's call skeleton: malformed requests are the
 * caller's `InvalidRequestError` (never a wire call, never a synchronous throw, a stream fails
 * on its first `next()`), a plain prompt is accepted, and no key survives in a cause chain.
 */
export function describeHardening(ctx: ConformanceContext): void {
  const { options, create, requests, script } = ctx;

  describe('request validation at the adapter entry', () => {
    it.each(malformed)(
      'generate(%s): a rejected promise with InvalidRequestError, nothing sent',
      async (_label, request, field) => {
        const provider = create();
        let pending: Promise<unknown> | undefined;
        expect(() => (pending = provider.generate(request as ChatRequest))).not.toThrow();
        const error = await (pending as Promise<unknown>).catch((e: unknown) => e);
        expect(InvalidRequestError.isInstance(error)).toBe(true);
        expect((error as InvalidRequestError).field).toBe(field);
        expect(requests()).toHaveLength(0);
      },
    );

    it.each(malformed)(
      'stream(%s): throws only on the first next(), with InvalidRequestError',
      async (_label, request, field) => {
        const provider = create();
        let iterator: AsyncIterator<StreamEvent> | undefined;
        expect(
          () => (iterator = provider.stream(request as ChatRequest)[Symbol.asyncIterator]()),
        ).not.toThrow();
        const error = await (iterator as AsyncIterator<StreamEvent>)
          .next()
          .catch((e: unknown) => e);
        expect(InvalidRequestError.isInstance(error)).toBe(true);
        expect((error as InvalidRequestError).field).toBe(field);
        expect(requests()).toHaveLength(0);
      },
    );

    it('accepts a plain prompt', async () => {
      const result = await create().generate('Tell me about volcanoes' as unknown as ChatRequest);
      expect(result.text.length).toBeGreaterThan(0);
      expect(requests()).toHaveLength(1);
    });
  });

  describe('secrets in cause chains', () => {
    it.skipIf(!options.apiKey)(
      'no key in the error, its cause chain, or what util.inspect prints',
      async () => {
        const key = options.apiKey as string;
        script({ status: 401, message: `Incorrect API key provided: ${key}. Check ${key} again.` });
        const provider = create();
        const error = await providerFailure(provider.generate(ctx.ask('Hello')));
        const printed = inspect(error, { depth: 12, showHidden: true });
        expect(printed).not.toContain(key);
        let cause: unknown = error;
        for (let depth = 0; cause !== undefined && depth < 8; depth += 1) {
          expect(inspect(cause, { depth: 12 })).not.toContain(key);
          cause = (cause as { cause?: unknown }).cause;
        }
      },
    );

    it.skipIf(!options.apiKey)('the same in a stream', async () => {
      const key = options.apiKey as string;
      script({ status: 401, message: `Incorrect API key provided: ${key}` });
      const provider = create();
      const failure = async () => {
        for await (const _ of provider.stream(ctx.ask('Hello'))) void _;
      };
      const error = await failure().catch((e: unknown) => e);
      expect(inspect(error, { depth: 12, showHidden: true })).not.toContain(key);
    });
  });
}
