import {
  InvalidRequestError,
  type ContentPart,
  type ImageSource,
  type Message,
  type ToolCall,
} from '@modelmux/core';
import { groupIntoTurns, toolCallArgsObject } from '@modelmux/core/provider-utils';
import type { GeminiContent as Content, GeminiPart as Part } from './gemini-wire.js';

/** The conversation as Gemini takes it: a `systemInstruction` and the `contents` turns. */
export interface GooglePrompt {
  systemInstruction: string | undefined;
  contents: Content[];
}

/**
 * Converts modelmux messages to Gemini contents: system messages joined (by a blank line) into
 * `systemInstruction`; user → `user`, assistant → `model` (text + `functionCall` parts), tool
 * results → `function` turns of `functionResponse` parts, named after the call they answer
 * (`toolName`, else looked up from the earlier assistant tool call with that id). Consecutive
 * turns of one role are merged, so parallel calls get their results in one turn.
 */
export function convertToGoogleMessages(messages: readonly Message[]): GooglePrompt {
  const { system, turns } = groupIntoTurns<'user' | 'model' | 'function', Part>(
    messages,
    (message, index) => {
      switch (message.role) {
        case 'user':
          return { role: 'user', items: userParts(message.content, index) };
        case 'assistant':
          return {
            role: 'model',
            items: [
              ...textPart(message.content),
              ...(message.toolCalls ?? []).map((call, i) =>
                functionCallPart(call, `messages.${index}.toolCalls.${i}`),
              ),
            ],
          };
        case 'tool': {
          const name = message.toolName ?? findToolName(messages, index, message.toolCallId);
          return {
            role: 'function',
            items: [{ functionResponse: { name, response: functionResponse(message.result) } }],
          };
        }
      }
    },
  );
  return {
    systemInstruction: system,
    contents: turns.map(({ role, items }) => ({ role, parts: items })),
  };
}

function textPart(text: string): Part[] {
  return text === '' ? [] : [{ text }];
}

function userParts(content: string | ContentPart[], index: number): Part[] {
  if (typeof content === 'string') return textPart(content);
  return content.flatMap((part, i): Part[] => {
    const field = `messages.${index}.content.${i}`;
    if (part?.type === 'text' && typeof part.text === 'string') return textPart(part.text);
    if (part?.type === 'image' && part.source && typeof part.source === 'object')
      return [imagePart(part.source, field)];
    throw new InvalidRequestError({
      field,
      message:
        "must be { type: 'text', text } or { type: 'image', source: { kind: 'base64' | 'url', … } }",
    });
  });
}

const imageTypes: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

/**
 * Base64 images (and `data:` URLs) go inline (`inlineData`). Gemini cannot fetch web URLs:
 * only Google Cloud Storage (`gs://…`) and File API (`https://generativelanguage.googleapis.com/…/files/…`)
 * URIs are sent, as `fileData`; any other URL is an `InvalidRequestError` rather than a silent drop.
 */
function imagePart(source: ImageSource, field: string): Part {
  if (source.kind === 'base64')
    return { inlineData: { mimeType: source.mediaType, data: source.data } };
  if (source.kind !== 'url' || typeof source.url !== 'string')
    throw new InvalidRequestError({
      field: `${field}.source`,
      message: "must be { kind: 'base64', data, mediaType } or { kind: 'url', url }",
    });
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  if (dataUrl)
    return { inlineData: { mimeType: dataUrl[1] ?? 'image/png', data: dataUrl[2] ?? '' } };
  if (
    /^gs:\/\//i.test(source.url) ||
    /^https:\/\/generativelanguage\.googleapis\.com\/.*\/files\//i.test(source.url)
  ) {
    const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(source.url)?.[1]?.toLowerCase();
    return {
      fileData: {
        mimeType: (extension && imageTypes[extension]) || 'image/jpeg',
        fileUri: source.url,
      },
    };
  }
  throw new InvalidRequestError({
    field,
    message:
      'Gemini cannot fetch image URLs: pass the image as base64 (or a data: URL), or upload it (File API or gs://) and pass that URI',
  });
}

function functionCallPart(call: ToolCall, field: string): Part {
  return { functionCall: { name: call.name, args: toolCallArgsObject(call, field, 'Gemini') } };
}

/** Gemini wants a JSON object as the function's response: objects go as they are, anything else as `{ result }`. */
export function functionResponse(result: unknown): object {
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) return result;
  if (typeof result === 'string') {
    try {
      const parsed: unknown = JSON.parse(result);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // plain text
    }
  }
  return { result };
}

function findToolName(messages: readonly Message[], index: number, toolCallId: string): string {
  for (let i = index - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'assistant') continue;
    const call = message.toolCalls?.find((c) => c.id === toolCallId);
    if (call) return call.name;
  }
  throw new InvalidRequestError({
    field: `messages.${index}.toolName`,
    message: `Gemini needs the tool's name: no earlier assistant tool call has the id "${toolCallId}"; set toolName`,
  });
}
