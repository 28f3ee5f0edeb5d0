import type { ContentPart, Message, ToolCall } from '@modelmux/core';
import type {
  OpenAIChatWireContentPart,
  OpenAIChatWireMessage,
  OpenAIChatWireToolCall,
} from './openai-chat-wire.js';

/** Turns modelmux messages into OpenAI chat messages (system, user text/images, assistant tool calls, tool results). */
export function convertToOpenAICompatibleMessages(
  messages: readonly Message[],
): OpenAIChatWireMessage[] {
  return messages.map((message): OpenAIChatWireMessage => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return {
          role: 'user',
          content:
            typeof message.content === 'string'
              ? message.content
              : message.content.map(convertPart),
        };
      case 'assistant':
        return message.toolCalls?.length
          ? {
              role: 'assistant',
              content: message.content === '' ? null : message.content,
              tool_calls: message.toolCalls.map(convertToolCall),
            }
          : { role: 'assistant', content: message.content };
      case 'tool':
        return {
          role: 'tool',
          tool_call_id: message.toolCallId,
          content: toolResultText(message.result),
        };
    }
  });
}

function convertPart(part: ContentPart): OpenAIChatWireContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const url =
    part.source.kind === 'url'
      ? part.source.url
      : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: { url } };
}

/** The arguments as sent back: the parsed args re-serialised, or the raw text when they never parsed. */
function convertToolCall(call: ToolCall): OpenAIChatWireToolCall {
  const args = call.args === undefined ? call.rawArgs : JSON.stringify(call.args);
  return { id: call.id, type: 'function', function: { name: call.name, arguments: args } };
}

/** A tool result as the text the wire format wants: strings as they are, anything else as JSON. */
export function toolResultText(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? 'null';
}
