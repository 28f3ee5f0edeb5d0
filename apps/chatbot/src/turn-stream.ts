// How a turn's answer is streamed: modelmux's own `stream()` (the default), or the Vercel AI SDK's
// `streamText` on the `@modelmux/ai-sdk` drop-in (`--via ai-sdk`). Both go through the same
// factory, so routing, fallbacks (reported by the factory's events), budgets and metrics are alike.
import { createModelmux } from '@modelmux/ai-sdk';
import type { Message } from '@modelmux/core';
import { type ModelMessage, streamText } from 'ai';
import type { ProviderFactory } from 'modelmux';

/** The ways a turn can reach the factory. */
export const chatVias = ['modelmux', 'ai-sdk'] as const;
/** `modelmux` (its `stream()`) or `ai-sdk` (`streamText` on `@modelmux/ai-sdk`). */
export type ChatVia = (typeof chatVias)[number];

/** What a turn's stream yields: text, then the answer's provider, model, usage and cost. */
export type TurnEvent =
  | { type: 'text'; text: string }
  | {
      type: 'finish';
      provider: string;
      model: string;
      inputTokens: number;
      outputTokens: number;
      costUsd: number | undefined;
    };

/** One turn's request. */
export interface TurnRequest {
  messages: Message[];
  strategy: string;
  maxTokens: number;
  provider: string | undefined;
  signal: AbortSignal | undefined;
}

/** Streams a turn through the chosen path; failures are thrown, a stopped answer just ends. */
export type StreamTurn = (request: TurnRequest) => AsyncIterable<TurnEvent>;

async function* throughModelmux(factory: ProviderFactory, r: TurnRequest) {
  const events = factory.getProvider(r.provider).stream(
    { messages: r.messages },
    {
      strategy: r.strategy,
      maxTokens: r.maxTokens,
      ...(r.signal !== undefined && { signal: r.signal }),
    },
  );
  for await (const event of events) {
    if (event.type === 'text-delta') yield { type: 'text' as const, text: event.text };
    else if (event.type === 'finish')
      yield {
        type: 'finish' as const,
        provider: event.provider,
        model: event.model,
        inputTokens: event.usage.inputTokens,
        outputTokens: event.usage.outputTokens,
        costUsd: event.costUsd,
      };
  }
}

/** The chat's messages (text only) as the AI SDK's. */
function toModelMessages(messages: Message[]): ModelMessage[] {
  return messages.flatMap((m): ModelMessage[] =>
    m.role === 'system' || m.role === 'assistant'
      ? [{ role: m.role, content: m.content }]
      : m.role === 'user' && typeof m.content === 'string'
        ? [{ role: 'user', content: m.content }]
        : [],
  );
}

async function* throughAiSdk(
  modelmux: ReturnType<typeof createModelmux>,
  r: TurnRequest,
): AsyncGenerator<TurnEvent> {
  const result = streamText({
    model: modelmux(r.provider ?? 'auto'),
    messages: toModelMessages(r.messages),
    maxOutputTokens: r.maxTokens,
    providerOptions: { modelmux: { strategy: r.strategy } },
    ...(r.signal !== undefined && { abortSignal: r.signal }),
  });
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') yield { type: 'text', text: part.text };
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'finish-step') {
      const routed = part.providerMetadata?.['modelmux'] as
        { provider: string; model: string; costUsd: number | null } | undefined;
      yield {
        type: 'finish',
        provider: routed?.provider ?? '?',
        model: part.response.modelId,
        inputTokens: part.usage.inputTokens ?? 0,
        outputTokens: part.usage.outputTokens ?? 0,
        costUsd: routed?.costUsd ?? undefined,
      };
    }
  }
}

/** The turn streamer for `via` over `factory`. */
export function turnStreamer(factory: ProviderFactory, via: ChatVia = 'modelmux'): StreamTurn {
  if (via === 'modelmux') return (r) => throughModelmux(factory, r);
  const modelmux = createModelmux(factory);
  return (r) => throughAiSdk(modelmux, r);
}
