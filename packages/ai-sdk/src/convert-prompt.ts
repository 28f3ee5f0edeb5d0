import {
  type LanguageModelV3DataContent,
  type LanguageModelV3FilePart,
  type LanguageModelV3Prompt,
  type LanguageModelV3ToolResultOutput,
  type SharedV3Warning,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type { ContentPart, ImageSource, Message, ToolCall } from '@modelmux/core';

/** An image part's data as core's `ImageSource` (a URL the provider fetches, or base64). */
function imageSource(data: LanguageModelV3DataContent, mediaType: string): ImageSource {
  if (data instanceof URL) return { kind: 'url', url: data.toString() };
  if (typeof data === 'string') {
    const inline = /^data:([^;,]+);base64,(.*)$/s.exec(data);
    if (inline) return { kind: 'base64', mediaType: inline[1] ?? mediaType, data: inline[2] ?? '' };
    if (/^https?:\/\//.test(data)) return { kind: 'url', url: data };
    return { kind: 'base64', mediaType, data };
  }
  return { kind: 'base64', mediaType, data: Buffer.from(data).toString('base64') };
}

function filePart(part: LanguageModelV3FilePart): ContentPart {
  if (!part.mediaType.startsWith('image/'))
    throw new UnsupportedFunctionalityError({
      functionality: `file parts of type ${part.mediaType} (modelmux's messages carry text and images; send images, or the file's text)`,
    });
  const mediaType = part.mediaType === 'image/*' ? 'image/png' : part.mediaType;
  return { type: 'image', source: imageSource(part.data, mediaType) };
}

/** A tool result as the value modelmux sends back to the model. */
function toolResult(output: LanguageModelV3ToolResultOutput): unknown {
  switch (output.type) {
    case 'text':
    case 'error-text':
    case 'json':
    case 'error-json':
      return output.value;
    case 'execution-denied':
      return `Tool execution denied${output.reason ? `: ${output.reason}` : ''}.`;
    case 'content':
      return output.value
        .map((part) => (part.type === 'text' ? part.text : `[${part.type}]`))
        .join('\n');
  }
}

/**
 * The AI SDK's prompt as modelmux messages: system, user (text and images), assistant (text and
 * tool calls) and tool results. Reasoning the model sent earlier is not sent back (a warning
 * says so); non-image files are `UnsupportedFunctionalityError`.
 */
export function convertPrompt(
  prompt: LanguageModelV3Prompt,
  warnings: SharedV3Warning[],
): Message[] {
  const messages: Message[] = [];
  let droppedReasoning = false;
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const parts = message.content.map((part): ContentPart =>
          part.type === 'text' ? { type: 'text', text: part.text } : filePart(part),
        );
        const textOnly = parts.every((p) => p.type === 'text');
        messages.push({
          role: 'user',
          content: textOnly ? parts.map((p) => (p as { text: string }).text).join('') : parts,
        });
        break;
      }
      case 'assistant': {
        let text = '';
        const toolCalls: ToolCall[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'reasoning') droppedReasoning = true;
          else if (part.type === 'tool-call' && !part.providerExecuted)
            toolCalls.push({
              id: part.toolCallId,
              name: part.toolName,
              args: part.input,
              rawArgs: JSON.stringify(part.input ?? {}),
            });
          else if (part.type === 'file')
            throw new UnsupportedFunctionalityError({
              functionality: 'file parts in assistant messages',
            });
        }
        messages.push({
          role: 'assistant',
          content: text,
          ...(toolCalls.length > 0 && { toolCalls }),
        });
        break;
      }
      case 'tool':
        for (const part of message.content)
          if (part.type === 'tool-result')
            messages.push({
              role: 'tool',
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              result: toolResult(part.output),
            });
        break;
    }
  }
  if (droppedReasoning)
    warnings.push({
      type: 'other',
      message: 'reasoning parts of earlier assistant messages are not sent back to the model',
    });
  return messages;
}
