import { describe, expect, test } from 'vitest';
import { streamOf } from './__fixtures__/fakes.js';
import { collectStream } from './collect-stream.js';
import { ProviderError } from './errors/provider-error.js';
import type { StreamEvent } from './stream.js';

const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'tool-calls',
  usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
  provider: 'openai',
  model: 'gpt-4o-mini',
  costUsd: 0.000123,
};

describe('collectStream', () => {
  test('joins text, collects tool calls and takes the finish', async () => {
    const events: StreamEvent[] = [
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'tool-call-delta', index: 0, id: 'c1', name: 'lookup', argsDelta: '{"q":' },
      { type: 'tool-call-delta', index: 0, argsDelta: '"x"}' },
      {
        type: 'tool-call',
        toolCall: { id: 'c1', name: 'lookup', args: { q: 'x' }, rawArgs: '{"q":"x"}' },
      },
      { type: 'tool-call', toolCall: { id: 'c2', name: 'other', args: {}, rawArgs: '{}' } },
      finish,
    ];
    const seen: StreamEvent[] = [];
    const result = await collectStream(streamOf(events), { onEvent: (e) => seen.push(e) });
    expect(result).toEqual({
      text: 'Hello',
      toolCalls: [
        { id: 'c1', name: 'lookup', args: { q: 'x' }, rawArgs: '{"q":"x"}' },
        { id: 'c2', name: 'other', args: {}, rawArgs: '{}' },
      ],
      finishReason: 'tool-calls',
      usage: finish.usage,
      provider: 'openai',
      model: 'gpt-4o-mini',
      latencyMs: expect.any(Number),
      costUsd: 0.000123,
    });
    expect(seen).toEqual(events);
  });

  test('keeps an unknown cost as undefined', async () => {
    const result = await collectStream(
      streamOf([
        { type: 'text-delta', text: 'x' },
        { ...finish, costUsd: undefined } as StreamEvent,
      ]),
    );
    expect(result.costUsd).toBeUndefined();
  });

  test('a stream that ends without finish is a truncation error, not a short answer', async () => {
    const error = await collectStream(
      streamOf([{ type: 'text-delta', text: 'Half an ans' }]),
    ).catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'network',
      isRetryable: true,
      message: expect.stringMatching(/without a finish event/),
    });
  });

  test('an empty stream is truncated too', async () => {
    await expect(collectStream(streamOf([]))).rejects.toThrow(/truncated/);
  });

  test("passes the stream's own error through", async () => {
    const failure = new ProviderError({
      kind: 'rate_limit',
      provider: 'groq',
      message: 'slow down',
      status: 429,
    });
    await expect(
      collectStream(streamOf([{ type: 'text-delta', text: 'x' }], failure)),
    ).rejects.toBe(failure);
  });
});
