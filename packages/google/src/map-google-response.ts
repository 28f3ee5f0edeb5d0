import type { GenerateContentResponse } from '@google/generative-ai';
import type { FinishReason, ToolCall, Usage } from '@modelmux/core';
import { randomUUID } from 'node:crypto';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { mapGoogleUsage, type GoogleUsageMetadata } from './map-google-usage.js';

/** The normalised parts of a Gemini answer. */
export interface GoogleAnswer {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/** One part of a candidate, with the fields newer API versions add (`thought`, call `id`). */
interface ResponsePart {
  text?: string;
  thought?: boolean;
  functionCall?: { name: string; args?: object; id?: string };
}

/** The text and function calls of one chunk or answer (thought parts are left out). */
export function readGoogleParts(response: GenerateContentResponse): {
  text: string;
  toolCalls: ToolCall[];
} {
  let text = '';
  const toolCalls: ToolCall[] = [];
  const parts = (response.candidates?.[0]?.content?.parts ?? []) as ResponsePart[];
  for (const part of parts) {
    if (typeof part.text === 'string' && !part.thought) text += part.text;
    if (part.functionCall) {
      const args = part.functionCall.args ?? {};
      toolCalls.push({
        id: part.functionCall.id ?? newToolCallId(),
        name: part.functionCall.name,
        args,
        rawArgs: JSON.stringify(args),
      });
    }
  }
  return { text, toolCalls };
}

/** Reads a `generateContent` answer: first candidate's text and calls, finish reason, usage. */
export function mapGoogleResponse(response: GenerateContentResponse): GoogleAnswer {
  const { text, toolCalls } = readGoogleParts(response);
  return {
    text,
    toolCalls,
    finishReason: mapGoogleFinishReason(response.candidates?.[0]?.finishReason, {
      hasToolCalls: toolCalls.length > 0,
      blockReason: response.promptFeedback?.blockReason,
    }),
    usage: mapGoogleUsage(response.usageMetadata as GoogleUsageMetadata | undefined),
  };
}

/** Gemini (v1beta, as the SDK speaks it) gives function calls no id: we make one up. */
export function newToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
