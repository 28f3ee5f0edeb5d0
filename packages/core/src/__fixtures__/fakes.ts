import type { ChatRequest, ChatResult } from '../chat.js';
import type { Provider } from '../provider.js';
import type { StreamEvent } from '../stream.js';

/** A minimal provider that satisfies the contract, for registry and type tests. */
export function fakeProvider(name: string, type = 'fake'): Provider {
  return {
    specificationVersion: 'v1',
    name,
    type,
    defaultModel: 'fake-1',
    async generate<T>(request: ChatRequest<T>): Promise<ChatResult<T>> {
      return {
        text: `echo ${request.messages.length}`,
        toolCalls: [],
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        provider: name,
        model: request.model ?? 'fake-1',
        latencyMs: 0,
        costUsd: undefined,
      };
    },
    async *stream(): AsyncIterable<StreamEvent> {
      yield { type: 'text-delta', text: 'hi' };
    },
    isAvailable: () => true,
  };
}

/** Yields the given events, then optionally throws. */
export async function* streamOf(
  events: readonly StreamEvent[],
  error?: unknown,
): AsyncGenerator<StreamEvent> {
  for (const event of events) yield event;
  if (error !== undefined) throw error;
}
