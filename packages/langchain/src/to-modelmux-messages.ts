import type { BaseMessage } from '@langchain/core/messages';
import {
  type ContentPart,
  type ImageSource,
  InvalidRequestError,
  type Message,
  type ToolCall,
} from '@modelmux/core';

type Block = Record<string, unknown>;

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

/** An image from a URL, which may be a `data:` URL holding base64. */
function imageFromUrl(url: string): ImageSource {
  const match = dataUrl.exec(url);
  return match
    ? { kind: 'base64', mediaType: match[1] as string, data: match[2] as string }
    : { kind: 'url', url };
}

/** An image content block of any of LangChain's shapes, or undefined when it is not one. */
function imageOf(block: Block): ImageSource | undefined {
  if (block['type'] === 'image_url') {
    const value = block['image_url'];
    const url = typeof value === 'string' ? value : (value as { url?: unknown } | undefined)?.url;
    return typeof url === 'string' ? imageFromUrl(url) : undefined;
  }
  if (block['type'] !== 'image') return undefined;
  const mediaType = block['mimeType'] ?? block['mime_type'];
  if (typeof block['data'] === 'string' && typeof mediaType === 'string')
    return { kind: 'base64', data: block['data'], mediaType };
  if (typeof block['url'] === 'string') return imageFromUrl(block['url']);
  return undefined;
}

/** The text of a message's content (text blocks joined; other blocks are not text). */
export function textOf(content: BaseMessage['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const block of content as Block[])
    if (block['type'] === 'text' && typeof block['text'] === 'string') text += block['text'];
  return text;
}

/** A user message's content: the string, or text and image parts. */
function userContent(message: BaseMessage, index: number): string | ContentPart[] {
  if (typeof message.content === 'string') return message.content;
  return (message.content as Block[]).map((block, part): ContentPart => {
    if (block['type'] === 'text' && typeof block['text'] === 'string')
      return { type: 'text', text: block['text'] };
    const source = imageOf(block);
    if (source) return { type: 'image', source };
    throw new InvalidRequestError({
      field: `messages[${index}].content[${part}]`,
      message: `a "${String(block['type'])}" block cannot be sent: use text, image_url or image blocks`,
    });
  });
}

function toolCallsOf(message: BaseMessage): ToolCall[] | undefined {
  const calls = (message as { tool_calls?: { id?: string; name: string; args: unknown }[] })
    .tool_calls;
  if (!calls || calls.length === 0) return undefined;
  return calls.map((call, i) => ({
    id: call.id ?? `call_${i}`,
    name: call.name,
    args: call.args,
    rawArgs: JSON.stringify(call.args ?? {}),
  }));
}

/** One LangChain message as modelmux's. */
function toMessage(message: BaseMessage, index: number): Message {
  const type = message.getType();
  const role = type === 'generic' ? String((message as { role?: unknown }).role) : (type as string);
  switch (role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(message.content) };
    case 'human':
    case 'user':
      return { role: 'user', content: userContent(message, index) };
    case 'ai':
    case 'assistant': {
      const toolCalls = toolCallsOf(message);
      return {
        role: 'assistant',
        content: textOf(message.content),
        ...(toolCalls && { toolCalls }),
      };
    }
    case 'tool': {
      const tool = message as BaseMessage & { tool_call_id: string };
      return {
        role: 'tool',
        toolCallId: tool.tool_call_id,
        ...(tool.name !== undefined && { toolName: tool.name }),
        result: textOf(message.content),
      };
    }
    default:
      throw new InvalidRequestError({
        field: `messages[${index}]`,
        message: `a "${role}" message cannot be sent: use system, human, ai or tool messages`,
      });
  }
}

/** LangChain's messages as modelmux's `Message[]` (typed errors name the message and the fix). */
export function toModelmuxMessages(messages: readonly BaseMessage[]): Message[] {
  return messages.map(toMessage);
}
