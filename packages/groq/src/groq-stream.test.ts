import { ProviderError, type StreamEvent } from '@modelmux/core';
import { Stream } from 'groq-sdk/core/streaming';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { streamGroqChat } from './groq-stream.js';

const context = { provider: 'groq', model: 'llama-3.3-70b-versatile' };
const base = {
  id: 'c',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'llama-3.3-70b-versatile',
};

function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): string {
  return `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
}
const finishWithUsage = chunk({}, 'stop', {
  x_groq: { id: 'req_1', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
});

/** Runs groq-sdk's own SSE parser over a body that closes cleanly after `sse`; `signals` collects the call's signal. */
function streamOf(sse: string, signals: AbortSignal[] = []) {
  return streamGroqChat({
    context,
    cost: () => 0.001,
    open: async (signal) => {
      signals.push(signal);
      return Stream.fromSSEResponse<ChatCompletionChunk>(new Response(sse), new AbortController());
    },
  });
}

async function collect(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error?: ProviderError }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    expect(ProviderError.isInstance(error)).toBe(true);
    return { events, error: error as ProviderError };
  }
  return { events };
}

describe('streamGroqChat', () => {
  it('takes usage from x_groq on the finish chunk', async () => {
    const { events, error } = await collect(
      streamOf(chunk({ content: 'Hi' }) + finishWithUsage + 'data: [DONE]\n\n'),
    );
    expect(error).toBeUndefined();
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      provider: 'groq',
      model: 'llama-3.3-70b-versatile',
      costUsd: 0.001,
    });
  });

  it('throws kind network when the stream ends without a finish reason', async () => {
    const { events, error } = await collect(streamOf(chunk({ content: 'Hel' })));
    expect(error?.kind).toBe('network');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('throws kind network when the finish chunk carries no usage', async () => {
    const { error } = await collect(streamOf(chunk({ content: 'Hi' }) + chunk({}, 'stop')));
    expect(error?.kind).toBe('network');
    expect(error?.message).toContain('without usage');
  });

  it('maps an error sent inside the stream', async () => {
    const { error } = await collect(
      streamOf(
        chunk({ content: 'Hi' }) +
          `data: ${JSON.stringify({ error: { message: 'Too many tokens', type: 'tokens', code: 'rate_limit_exceeded' } })}\n\n`,
      ),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', provider: 'groq' });
  });

  it('aborts the request when the consumer returns early', async () => {
    const signals: AbortSignal[] = [];
    const iterator = streamOf(
      chunk({ content: 'a' }) + chunk({ content: 'b' }) + finishWithUsage,
      signals,
    );
    await iterator.next();
    expect(signals[0]?.aborted).toBe(false);
    await iterator.return(undefined);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('throws kind timeout when no chunk comes for timeoutMs (an idle timeout)', async () => {
    const stalling = (signal: AbortSignal) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(chunk({ content: 'Hel' })));
          signal.addEventListener(
            'abort',
            () => controller.error(new DOMException('This operation was aborted', 'AbortError')),
            { once: true },
          );
        },
      });
    const stream = streamGroqChat({
      context,
      cost: () => undefined,
      timeoutMs: 60,
      open: async (signal) =>
        Stream.fromSSEResponse<ChatCompletionChunk>(
          new Response(stalling(signal)),
          new AbortController(),
        ),
    });
    const { events, error } = await collect(stream);
    expect(error?.kind).toBe('timeout');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('also takes an OpenAI-style usage field', async () => {
    const openAIStyleUsage = `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })}\n\n`;
    const { events, error } = await collect(
      streamOf(chunk({ content: 'Hi' }) + chunk({}, 'stop') + openAIStyleUsage),
    );
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    });
  });
});
