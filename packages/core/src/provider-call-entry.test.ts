import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CallSignal } from './call-signal.js';
import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ProviderError } from './errors/provider-error.js';
import type { ProviderCallContext } from './provider-call-options.js';
import { runProviderGenerate } from './run-provider-generate.js';
import { runProviderStream, type ProviderStreamMapper } from './run-provider-stream.js';
import type { StreamEvent } from './stream.js';

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

/** A mapper that (wrongly, as the adapters once did) calls everything a network failure. */
const mapError = vi.fn(
  (error: unknown, _call: CallSignal, context: ProviderCallContext): Error =>
    new ProviderError({ kind: 'network', ...context, message: 'acme network', cause: error }),
);

function generate(request: unknown, build?: (req: ChatRequest, model: string) => unknown) {
  const send = vi.fn(async (_signal: AbortSignal, body: unknown, req: ChatRequest) => ({
    text: JSON.stringify({ body, model: req.model ?? null }),
    toolCalls: [],
    finishReason: 'stop' as const,
    usage,
    raw: body,
  }));
  const result = runProviderGenerate<unknown, unknown>({
    provider: 'acme',
    defaultModel: 'acme-1',
    request,
    ...(build ? { build } : {}),
    send,
    mapError,
    cost: () => 0,
  });
  return { result, send };
}

type Chunk = { text: string } | { done: true };
class Mapper implements ProviderStreamMapper<Chunk> {
  private done = false;
  push(chunk: Chunk): StreamEvent[] {
    if ('done' in chunk) return ((this.done = true), []);
    return [{ type: 'text-delta', text: chunk.text }];
  }
  end() {
    return this.done ? { finishReason: 'stop' as const, usage } : undefined;
  }
}

function stream(
  request: unknown,
  chunks: Chunk[] = [{ text: 'hi' }, { done: true }],
  build?: (req: ChatRequest, model: string) => unknown,
) {
  const open = vi.fn(async () => ({
    chunks: (async function* () {
      yield* chunks;
    })(),
    mapper: new Mapper(),
  }));
  const events = runProviderStream<Chunk, unknown>({
    provider: 'acme',
    defaultModel: 'acme-1',
    request,
    ...(build ? { build } : {}),
    open,
    mapError,
    cost: () => 0,
    truncatedMessage: () => 'truncated',
  });
  return { events, open };
}

const bad: [string, unknown, string][] = [
  ['null', null, 'input'],
  ['a number', 42, 'input'],
  ['empty messages', { messages: [] }, 'messages'],
  ['a null part', { messages: [{ role: 'user', content: [null] }] }, 'messages.0.content.0'],
  [
    'temperature NaN',
    { messages: [{ role: 'user', content: 'x' }], temperature: NaN },
    'temperature',
  ],
  [
    'a non-AbortSignal signal',
    { messages: [{ role: 'user', content: 'x' }], signal: {} },
    'signal',
  ],
];

describe('runProviderGenerate validates at entry', () => {
  it.each(bad)(
    '%s: rejects (never throws synchronously) with InvalidRequestError; no wire call',
    async (_l, request, field) => {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = generate(request).result)).not.toThrow();
      const error = await (promise as Promise<unknown>).catch((e: unknown) => e);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as InvalidRequestError).field).toBe(field);
      expect(mapError).not.toHaveBeenCalled();
    },
  );

  it('accepts a plain prompt and passes the normalised request and the default model', async () => {
    const { result, send } = generate('hello', (req, model) => ({ model, n: req.messages.length }));
    const answer = await result;
    expect(send.mock.calls[0]?.[1]).toEqual({ model: 'acme-1', n: 1 });
    expect(send.mock.calls[0]?.[2]).toEqual({ messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.model).toBe('acme-1');
  });

  it('uses the request model and parses its JSON response format', async () => {
    const { result } = generate(
      {
        messages: [{ role: 'user', content: 'x' }],
        model: 'acme-2',
        responseFormat: { type: 'json', schema: z.object({ body: z.string(), model: z.string() }) },
      },
      () => 'B',
    );
    const answer = await result;
    expect(answer.model).toBe('acme-2');
    expect(answer.object).toEqual({ body: 'B', model: 'acme-2' });
  });

  it("an error thrown while building the body is the caller's error, never network; no wire call", async () => {
    const { result, send } = generate({ messages: [{ role: 'user', content: 'x' }] }, () => {
      throw new TypeError("Cannot read properties of undefined (reading 'kind')");
    });
    const error = await result.catch((e: unknown) => e);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'request', kind: 'bad_request', isRetryable: false });
    expect((error as Error).message).toMatch(
      /could not build the acme request body for acme-1: Cannot read/,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(send).not.toHaveBeenCalled();
    expect(mapError).not.toHaveBeenCalled();
  });

  it('an InvalidRequestError from build passes through with its own field', async () => {
    const { result } = generate({ messages: [{ role: 'user', content: 'x' }] }, () => {
      throw new InvalidRequestError({ field: 'messages.0.content', message: 'no audio here' });
    });
    await expect(result).rejects.toMatchObject({ field: 'messages.0.content' });
  });

  it('passes the model to mapError for wire failures', async () => {
    mapError.mockClear();
    const failing = runProviderGenerate({
      provider: 'acme',
      defaultModel: 'acme-1',
      request: { messages: [{ role: 'user', content: 'x' }], model: 'acme-3' },
      send: () => Promise.reject(new Error('ECONNRESET')),
      mapError,
      cost: () => 0,
    });
    await expect(failing).rejects.toMatchObject({ kind: 'network', model: 'acme-3' });
    expect(mapError.mock.calls[0]?.[2]).toEqual({ provider: 'acme', model: 'acme-3' });
  });
});

describe('runProviderStream validates on the first next()', () => {
  it.each(bad)(
    '%s: creating the stream never throws; the first next() rejects with InvalidRequestError',
    async (_l, request, field) => {
      let iterator: AsyncIterator<StreamEvent> | undefined;
      const made = stream(request);
      expect(() => (iterator = made.events[Symbol.asyncIterator]())).not.toThrow();
      const error = await (iterator as AsyncIterator<StreamEvent>).next().catch((e: unknown) => e);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as InvalidRequestError).field).toBe(field);
      expect(made.open).not.toHaveBeenCalled();
    },
  );

  it("a build failure is the caller's error; nothing is opened", async () => {
    const made = stream({ messages: [{ role: 'user', content: 'x' }] }, undefined, () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const error = await made.events.next().catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'request', kind: 'bad_request' });
    expect(made.open).not.toHaveBeenCalled();
  });

  it('finish carries the parsed object of a JSON request, as generate does', async () => {
    const made = stream(
      {
        messages: [{ role: 'user', content: 'x' }],
        responseFormat: { type: 'json', schema: z.object({ a: z.number() }) },
      },
      [{ text: '{"a"' }, { text: ': 1}' }, { done: true }],
    );
    const events: StreamEvent[] = [];
    for await (const event of made.events) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'finish', object: { a: 1 }, model: 'acme-1' });
  });

  it('a JSON answer that does not match the schema throws quality at the end, as generate does', async () => {
    const made = stream(
      {
        messages: [{ role: 'user', content: 'x' }],
        responseFormat: { type: 'json', schema: z.object({ a: z.number() }) },
      },
      [{ text: '{"a":"no"}' }, { done: true }],
    );
    const iterate = async () => {
      for await (const _ of made.events) void _;
    };
    await expect(iterate()).rejects.toMatchObject({ kind: 'quality' });
  });

  it('a text request keeps no copy of the text and has no object', async () => {
    const made = stream({ messages: [{ role: 'user', content: 'x' }] });
    const events: StreamEvent[] = [];
    for await (const event of made.events) events.push(event);
    expect(events.at(-1)).not.toHaveProperty('object');
  });
});
