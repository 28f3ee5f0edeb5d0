import { ProviderError, type StreamEvent } from '@modelmux/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  mapOpenAICompatibleError,
  type OpenAICompatibleErrorContext,
} from './map-openai-compatible-error.js';
import type { OpenAIChatWireChunk } from './openai-chat-wire.js';
import {
  streamOpenAICompatibleChat,
  type OpenAICompatibleStreamOptions,
} from './stream-openai-compatible-chat.js';

const context = { provider: 'acme', model: 'acme-1' };
const mapError = (error: unknown, ctx: OpenAICompatibleErrorContext) =>
  mapOpenAICompatibleError(error, ctx, { contextLengthMessage: /context/ });
const text = (content: string): OpenAIChatWireChunk => ({
  model: 'acme-1-001',
  choices: [{ delta: { content } }],
});
const finish = (reason: string): OpenAIChatWireChunk => ({
  choices: [{ delta: {}, finish_reason: reason }],
});
const usage: OpenAIChatWireChunk = {
  choices: [],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
};

async function* iterate(items: readonly unknown[]): AsyncGenerator<OpenAIChatWireChunk> {
  for (const item of items) yield item as OpenAIChatWireChunk;
}

function streamOf(items: readonly unknown[], options: Partial<OpenAICompatibleStreamOptions> = {}) {
  return streamOpenAICompatibleChat({
    context,
    cost: () => 0.002,
    mapError,
    open: async () => iterate(items),
    ...options,
  });
}

async function run(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ events: StreamEvent[]; error?: ProviderError }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    if (!ProviderError.isInstance(error)) throw error;
    return { events, error };
  }
  return { events };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('streamOpenAICompatibleChat', () => {
  it('yields deltas, then the complete tool calls, then a finish priced on the returned model', async () => {
    const models: (string | undefined)[][] = [];
    const chunks = [
      text('Hi'),
      {
        choices: [
          {
            delta: {
              tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }],
            },
          },
        ],
      },
      finish('tool_calls'),
      usage,
    ];
    const { events, error } = await run(
      streamOf(chunks, { cost: (m) => (models.push([...m]), 0.002) }),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'text-delta', text: 'Hi' },
      { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'f', argsDelta: '{}' },
      { type: 'tool-call', toolCall: { id: 'call_1', name: 'f', args: {}, rawArgs: '{}' } },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        provider: 'acme',
        model: 'acme-1-001',
        costUsd: 0.002,
      },
    ]);
    expect(models).toEqual([['acme-1-001', 'acme-1']]);
  });

  it('reads usage where the vendor puts it', async () => {
    const vendorUsage = {
      choices: [{ delta: {}, finish_reason: 'stop' }],
      x_vendor: { usage: { prompt_tokens: 1, completion_tokens: 1 } },
    };
    type VendorChunk = OpenAIChatWireChunk & {
      x_vendor?: { usage: { prompt_tokens: number; completion_tokens: number } };
    };
    const stream = streamOpenAICompatibleChat<VendorChunk>({
      context,
      cost: () => undefined,
      mapError,
      open: async () => iterate([vendorUsage]),
      usageOf: (c) => c.x_vendor?.usage,
    });
    const { events } = await run(stream);
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      model: 'acme-1',
    });
  });

  it('throws kind network when the stream ends without a finish reason, after what arrived', async () => {
    const { events, error } = await run(streamOf([text('Hel')]));
    expect(error).toMatchObject({ kind: 'network', provider: 'acme' });
    expect(error?.message).toContain('without a finish reason');
    expect(events).toEqual([{ type: 'text-delta', text: 'Hel' }]);
  });

  it('throws kind network when the usage never came', async () => {
    const { error } = await run(streamOf([text('Hi'), finish('stop')]));
    expect(error?.kind).toBe('network');
    expect(error?.message).toContain('without usage');
  });

  it('throws kind server for a chunk that is not a chunk', async () => {
    const { error } = await run(streamOf([{ unexpected: true }]));
    expect(error).toMatchObject({ kind: 'server', model: 'acme-1' });
    expect(error?.message).toContain('malformed stream chunk');
  });

  it('hands failures to open and to the iteration to the vendor’s mapper, with the call’s context', async () => {
    const seen: OpenAICompatibleErrorContext[] = [];
    const spying = (error: unknown, ctx: OpenAICompatibleErrorContext) => (
      seen.push(ctx),
      mapError(error, ctx)
    );
    const refused = await run(
      streamOf([], { mapError: spying, open: () => Promise.reject(new Error('read ECONNRESET')) }),
    );
    expect(refused.error?.kind).toBe('network');
    async function* failing(): AsyncGenerator<OpenAIChatWireChunk> {
      yield text('Hel');
      throw new SyntaxError('Unexpected end of JSON input');
    }
    const broken = await run(streamOf([], { mapError: spying, open: async () => failing() }));
    expect(broken).toMatchObject({
      events: [{ type: 'text-delta', text: 'Hel' }],
      error: { kind: 'server' },
    });
    expect(seen.map((c) => [c.provider, c.model, c.timedOut?.()])).toEqual([
      ['acme', 'acme-1', false],
      ['acme', 'acme-1', false],
    ]);
  });
});
