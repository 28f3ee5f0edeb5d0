import { ProviderError, type FinishReason, type ToolCall, type Usage } from '@modelmux/core';
import { formatProviderErrorMessage } from '@modelmux/core/provider-utils';
import { randomUUID } from 'node:crypto';
import type { GeminiPart, GeminiResponse } from './gemini-wire.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { mapGoogleUsage, type GoogleUsageMetadata } from './map-google-usage.js';

/** The normalised parts of a Gemini answer. */
export interface GoogleAnswer {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
}

/** The text and function calls of one chunk or answer (thought parts are left out). */
export function readGoogleParts(response: GeminiResponse): {
  text: string;
  toolCalls: ToolCall[];
} {
  let text = '';
  const toolCalls: ToolCall[] = [];
  const parts = (response.candidates?.[0]?.content?.parts ?? []) as GeminiPart[];
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

/**
 * Why a `generateContent` answer holds nothing to return, or `undefined` when it is an answer:
 * not an object (`[]`, `null`), no candidate, or a first candidate with neither content nor a
 * `finishReason` — unless `promptFeedback.blockReason` says the prompt was blocked.
 */
export function emptyGoogleAnswer(response: unknown): string | undefined {
  if (response === null || typeof response !== 'object' || Array.isArray(response))
    return `the answer was ${JSON.stringify(response) ?? String(response)}, not a GenerateContentResponse`;
  const answer = response as GeminiResponse;
  if (answer.promptFeedback?.blockReason) return undefined;
  const candidate = answer.candidates?.[0];
  if (!candidate) return 'the answer has no candidates (and no promptFeedback.blockReason)';
  if (!candidate.finishReason && !candidate.content?.parts?.length)
    return 'the answer has a candidate with neither content nor a finishReason';
  return undefined;
}

/**
 * Reads a `generateContent` answer: first candidate's text and calls, finish reason, usage. An
 * empty answer (`emptyGoogleAnswer`) is a retryable `server` error, as on the other adapters, so
 * a fallback can serve the request; a blocked prompt is a `content-filter` result.
 */
export function mapGoogleResponse(
  response: GeminiResponse,
  context: { provider: string; model: string } = { provider: 'google', model: 'unknown' },
): GoogleAnswer {
  const empty = emptyGoogleAnswer(response);
  if (empty !== undefined)
    throw new ProviderError({
      ...context,
      kind: 'server',
      message: formatProviderErrorMessage({ ...context, kind: 'server', text: empty }),
    });
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

/** Gemini (v1beta, as both SDKs speak it) gives function calls no id: we make one up. */
export function newToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}
