import type {
  ContentBlockParam,
  ImageBlockParam,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages';
import { groupIntoTurns, toolCallArgsObject } from '@modelmux/core/provider-utils';
import { InvalidRequestError, type ContentPart, type Message, type ToolCall } from '@modelmux/core';

/** The conversation as the Messages API takes it: one top-level `system` and user/assistant turns. */
export interface AnthropicPrompt {
  system: string | undefined;
  messages: MessageParam[];
}

/**
 * Converts modelmux messages to Anthropic's shape: every system message joined (in order, by a
 * blank line) into the top-level `system`; tool results become `tool_result` blocks of a user
 * turn; consecutive turns of the same role are merged, since the API wants them alternating.
 * Empty text blocks are dropped (the API rejects them).
 */
export function convertToAnthropicMessages(messages: readonly Message[]): AnthropicPrompt {
  const { system, turns } = groupIntoTurns<'user' | 'assistant', ContentBlockParam>(
    messages,
    (message, index) => {
      switch (message.role) {
        case 'user':
          return { role: 'user', items: userBlocks(message.content, index) };
        case 'assistant':
          return {
            role: 'assistant',
            items: [
              ...textBlock(message.content),
              ...(message.toolCalls ?? []).map((call, i) =>
                toolUseBlock(call, `messages.${index}.toolCalls.${i}`),
              ),
            ],
          };
        case 'tool':
          return {
            role: 'user',
            items: [
              {
                type: 'tool_result',
                tool_use_id: message.toolCallId,
                content: toolResultText(message.result),
              },
            ],
          };
      }
    },
  );
  return { system, messages: turns.map(({ role, items }) => ({ role, content: items })) };
}

function textBlock(text: string): ContentBlockParam[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function userBlocks(content: string | ContentPart[], index: number): ContentBlockParam[] {
  if (typeof content === 'string') return textBlock(content);
  return content.flatMap((part, i): ContentBlockParam[] =>
    part.type === 'text'
      ? textBlock(part.text)
      : [imageBlock(part.source, `messages.${index}.content.${i}`)],
  );
}

function imageBlock(
  source: Extract<ContentPart, { type: 'image' }>['source'],
  field: string,
): ImageBlockParam {
  if (source.kind === 'base64') {
    return {
      type: 'image',
      source: { type: 'base64', media_type: source.mediaType as 'image/png', data: source.data },
    };
  }
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  if (dataUrl)
    return {
      type: 'image',
      source: { type: 'base64', media_type: dataUrl[1] as 'image/png', data: dataUrl[2] ?? '' },
    };
  if (!/^https?:\/\//i.test(source.url)) {
    throw new InvalidRequestError({
      field,
      message: 'Anthropic takes image URLs over http(s) or as data: URLs',
    });
  }
  return { type: 'image', source: { type: 'url', url: source.url } };
}

function toolUseBlock(call: ToolCall, field: string): ContentBlockParam {
  return {
    type: 'tool_use',
    id: call.id,
    name: call.name,
    input: toolCallArgsObject(call, field, 'Anthropic'),
  };
}

/** A tool result as text: strings as they are, anything else as JSON. */
export function toolResultText(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? 'null';
}
