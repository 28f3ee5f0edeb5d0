import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallSignal } from './call-signal.js';
import { ProviderError } from './errors/provider-error.js';
import {
  runProviderStream,
  type ProviderStreamMapper,
  type RunProviderStreamOptions,
} from './run-provider-stream.js';
import type { StreamEvent } from './stream.js';
import type { Usage } from './usage.js';

/** A tiny wire format: text pieces, a tool call completed only by the end, a `done` chunk, an `error` chunk. */
type Chunk =
  | { text: string; model?: string }
  | { tool: string }
  | { done: 'stop' | 'length'; tokens: number }
  | { error: string };

const usage = (tokens: number): Usage => ({
  inputTokens: tokens,
  outputTokens: tokens,
  totalTokens: 2 * tokens,
});

class ChunkMapper implements ProviderStreamMapper<Chunk> {
  private done: { finishReason: 'stop' | 'length'; tokens: number } | undefined;
  private readonly tools: string[] = [];

  push(chunk: Chunk): StreamEvent[] {
    if ('error' in chunk)
      throw new ProviderError({
        kind: 'overloaded',
        provider: 'acme',
        model: 'acme-1',
        message: chunk.error,
      });
    if ('tool' in chunk) return (this.tools.push(chunk.tool), []);
    if ('done' in chunk)
      return ((this.done = { finishReason: chunk.done, tokens: chunk.tokens }), []);
    return [{ type: 'text-delta', text: chunk.text }];
  }

  end() {
    if (!this.done) return undefined;
    const events = this.tools.map((name, i): StreamEvent => ({
      type: 'tool-call',
      toolCall: { id: `call_${i}`, name, args: {}, rawArgs: '{}' },
    }));
    return { finishReason: this.done.finishReason, usage: usage(this.done.tokens), events };
  }
}

async function* chunksOf(chunks: readonly Chunk[]): AsyncGenerator<Chunk> {
  for (const chunk of chunks) yield chunk;
}

/** Yields its chunks, then waits for more until the signal aborts and ends quietly, as the SDKs do. */
async function* stalling(chunks: readonly Chunk[], signal: AbortSignal): AsyncGenerator<Chunk> {
  yield* chunks;
  if (!signal.aborted)
    await new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
}

/** A vendor error mapper in miniature: typed errors pass through; the call tells a timeout from the caller's abort. */
function mapError(error: unknown, call: CallSignal): Error {
  if (ProviderError.isInstance(error)) return error;
  const kind = call.timedOut() ? 'timeout' : call.callerAborted() ? 'aborted' : 'network';
  return new ProviderError({
    kind,
    provider: 'acme',
    model: 'acme-1',
    message: `acme ${kind}`,
    cause: error,
  });
}

function run(chunks: readonly Chunk[], options: Partial<RunProviderStreamOptions<Chunk>> = {}) {
  return runProviderStream<Chunk>({
    provider: 'acme',
    model: 'acme-1',
    open: async () => ({ chunks: chunksOf(chunks), mapper: new ChunkMapper() }),
    modelOf: (chunk) => ('model' in chunk ? chunk.model : undefined),
    mapError,
    cost: (_model, { totalTokens }) => totalTokens / 1000,
    truncatedMessage: (model) => `acme network: ${model} never said done (truncated)`,
    ...options,
  });
}

/** Reads a stream to its end: the events it yielded, and the error it threw, if any. */
async function drain(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error?: ProviderError }> {
  const events: StreamEvent[] = [];
  const read = async () => {
    for await (const event of stream) events.push(event);
  };
  return read().then(
    () => ({ events }),
    (error: ProviderError) => ({ events, error }),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runProviderStream', () => {
  it('yields the mapped events, then the events the end completes, then finish priced on the last model named', async () => {
    const priced: [string, Usage][] = [];
    const chunks: Chunk[] = [
      { text: 'Hel', model: 'acme-1-001' },
      { tool: 'lookup' },
      { text: 'lo' },
      { done: 'stop', tokens: 3 },
    ];
    const { events, error } = await drain(
      run(chunks, { cost: (model, u) => (priced.push([model, u]), 0.5) }),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'tool-call', toolCall: { id: 'call_0', name: 'lookup', args: {}, rawArgs: '{}' } },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: usage(3),
        provider: 'acme',
        model: 'acme-1-001',
        costUsd: 0.5,
      },
    ]);
    expect(priced).toEqual([['acme-1-001', usage(3)]]);
  });

  it('names the requested model in finish when no chunk names one', async () => {
    const { events } = await drain(
      run([{ text: 'Hi' }, { done: 'length', tokens: 1 }], { modelOf: () => '' }),
    );
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'length',
      usage: usage(1),
      provider: 'acme',
      model: 'acme-1',
      costUsd: 0.002,
    });
  });

  it('does not open the stream before the first next()', async () => {
    const open = vi.fn(async () => ({
      chunks: chunksOf([{ done: 'stop', tokens: 1 }]),
      mapper: new ChunkMapper(),
    }));
    const stream = run([], { open });
    await new Promise((resolve) => setImmediate(resolve));
    expect(open).not.toHaveBeenCalled();
    await stream.next();
    expect(open).toHaveBeenCalledTimes(1);
    await stream.return(undefined);
  });

  it('throws kind network (on the requested model) when the chunks stop before the final one, after what arrived', async () => {
    const { events, error } = await drain(
      run([{ text: 'Hel', model: 'acme-1-001' }, { tool: 'lookup' }]),
    );
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
    expect(error).toMatchObject({
      kind: 'network',
      provider: 'acme',
      model: 'acme-1',
      isRetryable: true,
    });
    expect(error?.message).toBe('acme network: acme-1-001 never said done (truncated)');
  });

  it('hands what open, the chunks and the mapper throw to mapError, with the call', async () => {
    const seen: unknown[] = [];
    const spying = (error: unknown, call: CallSignal) => (seen.push(error), mapError(error, call));
    const refused = new Error('connect ECONNREFUSED');
    expect(
      (await drain(run([], { mapError: spying, open: () => Promise.reject(refused) }))).error,
    ).toMatchObject({ kind: 'network', cause: refused });

    const reset = new Error('read ECONNRESET');
    async function* breaking(): AsyncGenerator<Chunk> {
      yield { text: 'Hel' };
      throw reset;
    }
    const broken = await drain(
      run([], {
        mapError: spying,
        open: async () => ({ chunks: breaking(), mapper: new ChunkMapper() }),
      }),
    );
    expect(broken).toMatchObject({
      events: [{ type: 'text-delta', text: 'Hel' }],
      error: { kind: 'network', cause: reset },
    });

    const inStream = await drain(
      run([{ text: 'Hel' }, { error: 'acme is overloaded' }, { text: 'never' }], {
        mapError: spying,
      }),
    );
    expect(inStream).toMatchObject({
      events: [{ type: 'text-delta', text: 'Hel' }],
      error: { kind: 'overloaded', message: 'acme is overloaded' },
    });
    expect(seen).toEqual([refused, reset, inStream.error]);
  });

  it('aborts the request when the consumer stops early, but not once the stream was read to its end', async () => {
    const signals: AbortSignal[] = [];
    const open = async (signal: AbortSignal) => (
      signals.push(signal),
      {
        chunks: chunksOf([{ text: 'a' }, { text: 'b' }, { done: 'stop', tokens: 1 } as Chunk]),
        mapper: new ChunkMapper(),
      }
    );
    for await (const event of run([], { open })) {
      if (event.type === 'text-delta') break;
    }
    for await (const event of run([], { open })) {
      if (event.type === 'finish') break;
    }
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });

  it('throws kind timeout when no chunk comes for timeoutMs, even if the SDK ends quietly; each chunk re-arms it', async () => {
    vi.useFakeTimers();
    async function* slow(signal: AbortSignal): AsyncGenerator<Chunk> {
      for (const text of ['a', 'b', 'c']) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield { text };
      }
      yield* stalling([], signal);
    }
    const result = drain(
      run([], {
        timeoutMs: 60,
        open: async (signal) => ({ chunks: slow(signal), mapper: new ChunkMapper() }),
      }),
    );
    await vi.advanceTimersByTimeAsync(150 + 59);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { events, error } = await result;
    expect(events.map((e) => (e.type === 'text-delta' ? e.text : e.type))).toEqual(['a', 'b', 'c']);
    expect(error).toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('throws kind aborted when the caller aborts, without yielding the chunks still buffered', async () => {
    const controller = new AbortController();
    const buffered: Chunk[] = [
      { text: 'one' },
      { text: 'two' },
      { text: 'three' },
      { done: 'stop', tokens: 1 },
    ];
    const stream = run([], {
      signal: controller.signal,
      open: async (signal) => ({ chunks: stalling(buffered, signal), mapper: new ChunkMapper() }),
    });
    expect((await stream.next()).value).toEqual({ type: 'text-delta', text: 'one' });
    controller.abort();
    await expect(stream.next()).rejects.toMatchObject({ kind: 'aborted', isRetryable: false });
  });

  it('throws kind aborted when the caller aborts and the SDK then ends quietly', async () => {
    const controller = new AbortController();
    const stream = run([], {
      signal: controller.signal,
      open: async (signal) => ({
        chunks: stalling([{ text: 'Hel' }], signal),
        mapper: new ChunkMapper(),
      }),
    });
    const first = await stream.next();
    expect(first.value).toEqual({ type: 'text-delta', text: 'Hel' });
    const second = stream.next();
    controller.abort();
    await expect(second).rejects.toMatchObject({ kind: 'aborted' });
  });
});
