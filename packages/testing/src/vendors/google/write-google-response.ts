import type { NeutralAnswer, NeutralFinishReason, NeutralUsage } from '../../brain/neutral.js';
import { fragments, type ReplyContext } from '../codec.js';

/** Gemini's `finishReason` (function calls end with 'STOP', as the real API does). */
export function googleFinishReason(reason: NeutralFinishReason): string {
  if (reason === 'length') return 'MAX_TOKENS';
  if (reason === 'content-filter') return 'SAFETY';
  return 'STOP';
}

/** Gemini's `usageMetadata` (`promptTokenCount` includes `cachedContentTokenCount`). */
export function googleUsage(usage: NeutralUsage): Record<string, unknown> {
  return {
    promptTokenCount: usage.inputTokens,
    // Gemini counts thoughts apart from the candidates (both billed as output).
    candidatesTokenCount: usage.outputTokens - (usage.reasoningTokens ?? 0),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.cachedInputTokens > 0 ? { cachedContentTokenCount: usage.cachedInputTokens } : {}),
    ...(usage.reasoningTokens ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
  };
}

const blockedRatings = [
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
];

/** The parts of an answer: text first, then one `functionCall` part per call. */
function parts(answer: NeutralAnswer, text: string | null): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (text) out.push({ text });
  for (const call of answer.toolCalls)
    out.push({ functionCall: { name: call.name, args: call.args } });
  return out;
}

function candidate(
  answer: NeutralAnswer,
  text: string | null,
  final: boolean,
): Record<string, unknown> {
  if (answer.finishReason === 'content-filter')
    return { finishReason: 'SAFETY', index: 0, safetyRatings: blockedRatings };
  return {
    content: { parts: parts(answer, text), role: 'model' },
    ...(final ? { finishReason: googleFinishReason(answer.finishReason) } : {}),
    index: 0,
  };
}

/** A `GenerateContentResponse`. */
export function googleResponseJson(
  answer: NeutralAnswer,
  ctx: ReplyContext,
): Record<string, unknown> {
  return {
    candidates: [candidate(answer, answer.text, true)],
    usageMetadata: googleUsage(answer.usage),
    modelVersion: ctx.model,
    responseId: `fake${ctx.seq}`,
  };
}

/** The partial responses of a stream: text fragments, function calls whole, finish and usage in the last. */
export function googleResponseChunks(
  answer: NeutralAnswer,
  ctx: ReplyContext,
): Record<string, unknown>[] {
  const base = { modelVersion: ctx.model, responseId: `fake${ctx.seq}` };
  if (answer.finishReason === 'content-filter')
    return [
      {
        candidates: [candidate(answer, null, true)],
        usageMetadata: googleUsage(answer.usage),
        ...base,
      },
    ];
  const texts = answer.text ? fragments(answer.text) : [];
  const out: Record<string, unknown>[] = texts.map((t) => ({
    candidates: [{ content: { parts: [{ text: t }], role: 'model' }, index: 0 }],
    ...base,
  }));
  const calls = answer.toolCalls.map((c) => ({ functionCall: { name: c.name, args: c.args } }));
  const lastParts =
    calls.length > 0 || out.length === 0 ? (calls.length > 0 ? calls : [{ text: '' }]) : undefined;
  if (lastParts)
    out.push({ candidates: [{ content: { parts: lastParts, role: 'model' }, index: 0 }], ...base });
  const last = out[out.length - 1] as Record<string, unknown>;
  const lastCandidate = (last['candidates'] as Record<string, unknown>[])[0] as Record<
    string,
    unknown
  >;
  lastCandidate['finishReason'] = googleFinishReason(answer.finishReason);
  last['usageMetadata'] = googleUsage(answer.usage);
  return out;
}
