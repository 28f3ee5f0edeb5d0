import type { ChatResult } from './chat.js';
import type { ToolCall } from './messages.js';
import type { FinishEvent, StreamEvent } from './stream.js';
import { emptyUsage } from './usage.js';
import { ProviderError } from './errors/provider-error.js';

/**
 * Consumes a stream into a `ChatResult`: text concatenated, tool calls collected, usage,
 * finish reason, cost, the parsed `object` (a JSON request) and `rateLimit` from the `finish` event. A stream that ends without `finish` throws a
 * `ProviderError` (kind `network`): a truncated answer is never returned as if whole.
 */
export async function collectStream(
  stream: AsyncIterable<StreamEvent>,
  options: { onEvent?: (event: StreamEvent) => void } = {},
): Promise<ChatResult> {
  const started = performance.now();
  let text = '';
  const toolCalls: ToolCall[] = [];
  let finish: FinishEvent | undefined;
  for await (const event of stream) {
    options.onEvent?.(event);
    switch (event.type) {
      case 'text-delta':
        text += event.text;
        break;
      case 'tool-call':
        toolCalls.push(event.toolCall);
        break;
      case 'finish':
        finish = event;
        break;
      default:
        break;
    }
  }
  if (!finish) {
    throw new ProviderError({
      kind: 'network',
      provider: 'unknown',
      message: 'The stream ended without a finish event (truncated)',
    });
  }
  return {
    text,
    toolCalls,
    finishReason: finish.finishReason,
    usage: finish.usage ?? emptyUsage(),
    provider: finish.provider,
    model: finish.model,
    latencyMs: performance.now() - started,
    costUsd: finish.costUsd,
    ...(finish.object !== undefined ? { object: finish.object } : {}),
    ...(finish.usageEstimated ? { usageEstimated: true } : {}),
    ...(finish.rateLimit ? { rateLimit: finish.rateLimit } : {}),
  };
}
