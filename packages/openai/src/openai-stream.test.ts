import type { StreamEvent } from '@modelmux/core';
import { startFakeProviders, type FakeProviders, streamFailure } from '@modelmux/testing';
import { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';
import { streamOpenAIChat } from './openai-stream.js';

const context = { provider: 'openai', model: 'gpt-4o-mini' };
const noCost = () => undefined;

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}
const usage = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;

/** Runs the SDK's own SSE parser over a body that closes cleanly after `sse`; `signals` collects the call's signal. */
function streamOf(sse: string, signals: AbortSignal[] = []) {
  return streamOpenAIChat({
    context,
    cost: noCost,
    open: async (signal) => {
      signals.push(signal);
      return Stream.fromSSEResponse<ChatCompletionChunk>(new Response(sse), new AbortController());
    },
  });
}

/** A body that sends `first` and then stalls, erroring like fetch's body when the signal aborts. */
function stallingBody(first: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      signal.addEventListener(
        'abort',
        () => controller.error(new DOMException('This operation was aborted', 'AbortError')),
        { once: true },
      );
    },
  });
}

describe('streamOpenAIChat over a body that closes cleanly too early', () => {
  it('yields text, then a finish with usage, for a whole stream', async () => {
    const events: StreamEvent[] = [];
    for await (const event of streamOf(
      chunk({ content: 'Hi' }) + chunk({}, 'stop') + usage + 'data: [DONE]\n\n',
    ))
      events.push(event);
    expect(events).toEqual([
      { type: 'text-delta', text: 'Hi' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        provider: 'openai',
        model: 'gpt-4o-mini',
        costUsd: undefined,
      },
    ]);
  });

  it('throws kind network when the stream ends without a finish reason', async () => {
    const { error, events } = await streamFailure(streamOf(chunk({ content: 'Hel' })));
    expect(error).toMatchObject({ kind: 'network', provider: 'openai' });
    expect(error.message).toContain('without a finish reason');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('throws kind network when the usage chunk never came', async () => {
    const { error } = await streamFailure(streamOf(chunk({ content: 'Hi' }) + chunk({}, 'stop')));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('without usage');
  });

  it('throws kind server for JSON that is not a chunk', async () => {
    const { error } = await streamFailure(streamOf(`data: {"unexpected":true}\n\n`));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('malformed');
  });

  it('aborts the request when the consumer returns early', async () => {
    const signals: AbortSignal[] = [];
    const iterator = streamOf(
      chunk({ content: 'a' }) + chunk({ content: 'b' }) + chunk({}, 'stop') + usage,
      signals,
    );
    expect(signals).toEqual([]);
    await iterator.next();
    expect(signals[0]?.aborted).toBe(false);
    await iterator.return(undefined);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('throws kind timeout when no chunk comes for timeoutMs (an idle timeout)', async () => {
    const stream = streamOpenAIChat({
      context,
      cost: noCost,
      timeoutMs: 60,
      open: async (signal) =>
        Stream.fromSSEResponse<ChatCompletionChunk>(
          new Response(stallingBody(chunk({ content: 'Hel' }), signal)),
          new AbortController(),
        ),
    });
    const started = performance.now();
    const { error, events } = await streamFailure(stream);
    expect(error.kind).toBe('timeout');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('a caller abort after the first event', () => {
  let fake: FakeProviders;
  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('throws kind aborted instead of ending quietly (the SDK swallows the abort)', async () => {
    const controller = new AbortController();
    const provider = createOpenAI({
      apiKey: 'sk-stream-test-0123456789',
      baseURL: fake.baseURL.openai,
    });
    const stream = provider.stream({
      messages: [{ role: 'user', content: 'Tell me a long story about the sea' }],
      signal: controller.signal,
    });
    const events: StreamEvent[] = [];
    const { error } = await streamFailure(
      (async function* () {
        for await (const event of stream) {
          events.push(event);
          controller.abort();
          yield event;
        }
      })(),
    );
    expect(error.kind).toBe('aborted');
    expect(events.some((e) => e.type === 'finish')).toBe(false);
  });
});
