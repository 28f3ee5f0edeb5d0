import { AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import type { RoutedStreamEvent } from 'modelmux';
import { toFinishReason } from './finish-reason.js';
import { modelmuxMetadata, toUsageMetadata } from './modelmux-metadata.js';

/**
 * Turns a routed stream's events into LangChain chunks, one event at a time. Tool calls stream as
 * `tool_call_chunks` (by index); a whole `tool-call` event is sent only for a call that had no
 * deltas. The `finish` event becomes the last chunk, with `usage_metadata` and the metadata.
 */
export class GenerationChunks {
  private readonly deltaIndexes = new Set<number>();
  private wholeCalls = 0;

  /** The chunk for one event, or undefined when it adds nothing. */
  next(event: RoutedStreamEvent): ChatGenerationChunk | undefined {
    switch (event.type) {
      case 'text-delta':
        return new ChatGenerationChunk({
          text: event.text,
          message: new AIMessageChunk({ content: event.text }),
        });
      case 'tool-call-delta':
        this.deltaIndexes.add(event.index);
        return this.toolChunk(event.index, event.id, event.name, event.argsDelta);
      case 'tool-call': {
        this.wholeCalls += 1;
        if (this.wholeCalls <= this.deltaIndexes.size) return undefined;
        const { id, name, rawArgs } = event.toolCall;
        return this.toolChunk(1_000 + this.wholeCalls, id, name, rawArgs);
      }
      case 'finish': {
        const finishReason = toFinishReason(event.finishReason);
        return new ChatGenerationChunk({
          text: '',
          message: new AIMessageChunk({
            content: '',
            usage_metadata: toUsageMetadata(event.usage),
            response_metadata: {
              model_name: event.model,
              finish_reason: finishReason,
              modelmux: modelmuxMetadata(event),
            },
          }),
          generationInfo: { finish_reason: finishReason },
        });
      }
    }
  }

  private toolChunk(
    index: number,
    id: string | undefined,
    name: string | undefined,
    args: string,
  ): ChatGenerationChunk {
    return new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        tool_call_chunks: [
          {
            index,
            args,
            type: 'tool_call_chunk',
            ...(id !== undefined && { id }),
            ...(name !== undefined && { name }),
          },
        ],
      }),
    });
  }
}
