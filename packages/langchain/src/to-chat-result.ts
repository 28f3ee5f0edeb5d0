import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { RoutedResult } from 'modelmux';
import { toFinishReason } from './finish-reason.js';
import { modelmuxMetadata, toUsageMetadata } from './modelmux-metadata.js';

/** A routed answer as LangChain's `ChatResult`: one `AIMessage` with tool calls, usage and metadata. */
export function toChatResult(result: RoutedResult): ChatResult {
  const finishReason = toFinishReason(result.finishReason);
  const usage = toUsageMetadata(result.usage);
  const message = new AIMessage({
    content: result.text,
    tool_calls: result.toolCalls.map((call) => ({
      id: call.id,
      name: call.name,
      args: (call.args ?? {}) as Record<string, unknown>,
      type: 'tool_call' as const,
    })),
    usage_metadata: usage,
    response_metadata: {
      model_name: result.model,
      finish_reason: finishReason,
      modelmux: modelmuxMetadata(result),
    },
  });
  return {
    generations: [{ text: result.text, message, generationInfo: { finish_reason: finishReason } }],
    llmOutput: {
      tokenUsage: {
        promptTokens: usage.input_tokens,
        completionTokens: usage.output_tokens,
        totalTokens: usage.total_tokens,
      },
    },
  };
}
