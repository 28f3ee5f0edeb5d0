import type { LanguageModelV3StreamPart, SharedV3Warning } from '@ai-sdk/provider';
import type { RoutedFinishEvent, RoutedStreamEvent } from 'modelmux';
import { routingMetadata, toFinishReason, toUsage, unknownUsage } from './map-result.js';
import { toAiSdkError } from './to-ai-sdk-error.js';

type Part = LanguageModelV3StreamPart;

/** One streamed tool call's input, by the vendor's index. */
interface ToolInput {
  id?: string;
  name?: string;
  started: boolean;
  ended: boolean;
  buffered: string;
}

/**
 * Turns modelmux's stream events into the AI SDK's stream parts: text start/delta/end, tool
 * input start/delta/end and tool-call, then `response-metadata` (the model that answered) and
 * `finish` with usage and `providerMetadata.modelmux`. Keeps O(tool calls) state.
 */
export class StreamPartMapper {
  private textId: string | undefined;
  private texts = 0;
  private readonly tools = new Map<number, ToolInput>();

  constructor(private readonly emit: (part: Part) => void) {}

  event(event: RoutedStreamEvent): void {
    switch (event.type) {
      case 'text-delta':
        if (event.text.length === 0) return;
        if (this.textId === undefined) {
          this.textId = `text-${this.texts++}`;
          this.emit({ type: 'text-start', id: this.textId });
        }
        this.emit({ type: 'text-delta', id: this.textId, delta: event.text });
        return;
      case 'tool-call-delta':
        return this.toolDelta(event.index, event.id, event.name, event.argsDelta);
      case 'tool-call':
        return this.toolCall(event.toolCall);
      case 'finish':
        return this.finish(event);
    }
  }

  private toolDelta(index: number, id?: string, name?: string, delta = ''): void {
    let tool = this.tools.get(index);
    if (!tool) this.tools.set(index, (tool = { started: false, ended: false, buffered: '' }));
    tool.id ??= id;
    tool.name ??= name;
    if (!tool.started) {
      tool.buffered += delta;
      if (tool.id === undefined || tool.name === undefined) return;
      tool.started = true;
      this.emit({ type: 'tool-input-start', id: tool.id, toolName: tool.name });
      delta = tool.buffered;
      tool.buffered = '';
    }
    if (delta.length > 0 && tool.id !== undefined)
      this.emit({ type: 'tool-input-delta', id: tool.id, delta });
  }

  private toolCall(call: { id: string; name: string; rawArgs: string }): void {
    let tool: ToolInput | undefined;
    for (const t of this.tools.values()) if (t.id === call.id) tool = t;
    const input = call.rawArgs.trim() === '' ? '{}' : call.rawArgs;
    if (!tool?.started) {
      this.emit({ type: 'tool-input-start', id: call.id, toolName: call.name });
      this.emit({ type: 'tool-input-delta', id: call.id, delta: input });
    }
    if (!tool?.ended) this.emit({ type: 'tool-input-end', id: call.id });
    if (tool) tool.ended = true;
    this.emit({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input });
  }

  /** Closes what is open (text, tool inputs) before the end. */
  private closeOpenParts(): void {
    if (this.textId !== undefined) this.emit({ type: 'text-end', id: this.textId });
    this.textId = undefined;
    for (const tool of this.tools.values())
      if (tool.started && !tool.ended && tool.id !== undefined) {
        tool.ended = true;
        this.emit({ type: 'tool-input-end', id: tool.id });
      }
  }

  private finish(event: RoutedFinishEvent): void {
    this.closeOpenParts();
    this.emit({
      type: 'response-metadata',
      id: event.requestId,
      modelId: event.model,
      timestamp: new Date(),
    });
    this.emit({
      type: 'finish',
      usage: toUsage(event.usage),
      finishReason: toFinishReason(event.finishReason),
      providerMetadata: routingMetadata(event),
    });
  }

  /** A failure after the first event: an `error` part, then `finish` with reason `error`. */
  failed(error: unknown): void {
    this.closeOpenParts();
    this.emit({ type: 'error', error });
    this.emit({
      type: 'finish',
      usage: unknownUsage,
      finishReason: { unified: 'error', raw: undefined },
    });
  }
}

/**
 * The AI SDK stream over a routed stream whose first event has been read already (so that a
 * failure before it rejected `doStream`). Pulled on demand; cancelling it stops the routed
 * stream, which aborts the provider's HTTP request.
 */
export function toStreamParts(
  first: RoutedStreamEvent,
  events: AsyncIterator<RoutedStreamEvent>,
  warnings: SharedV3Warning[],
  context: { requestId: string; signal?: AbortSignal | undefined },
): ReadableStream<Part> {
  let mapper: StreamPartMapper;
  let done = false;
  return new ReadableStream<Part>({
    start(controller) {
      mapper = new StreamPartMapper((part) => controller.enqueue(part));
      controller.enqueue({ type: 'stream-start', warnings });
      mapper.event(first);
    },
    async pull(controller) {
      if (done) return;
      try {
        const next = await events.next();
        if (next.done) {
          done = true;
          controller.close();
          return;
        }
        // After `finish` the routed stream ends on the next pull (its bookkeeping completes).
        mapper.event(next.value);
      } catch (error) {
        done = true;
        const mapped = toAiSdkError(error, context);
        if (context.signal?.aborted) return controller.error(mapped);
        mapper.failed(mapped);
        controller.close();
      }
    },
    async cancel() {
      done = true;
      await events.return?.();
    },
  });
}
