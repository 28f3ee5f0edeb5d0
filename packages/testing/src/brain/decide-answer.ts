import { answerText } from './answer-text.js';
import { chooseTool } from './choose-tool.js';
import { stableId } from './hash.js';
import { tokensOf } from './embed-text.js';
import type {
  AnswerOverrides,
  NeutralAnswer,
  NeutralChatRequest,
  NeutralToolCall,
} from './neutral.js';
import { promptValues, valueForSchema } from './schema-value.js';

/** Decides the deterministic answer to a chat request (same request → same answer). */
export function decideAnswer(
  request: NeutralChatRequest,
  overrides: AnswerOverrides = {},
): NeutralAnswer {
  const inputTokens = inputTokensOf(request);
  const cachedInputTokens = Math.min(inputTokens, Math.floor(request.cacheableChars / 4));
  const reply = overrides.reply;
  let text: string | null;
  let toolCalls: NeutralToolCall[];
  if (reply && (reply.text !== undefined || reply.toolCalls !== undefined)) {
    text = reply.text ?? null;
    toolCalls = (reply.toolCalls ?? []).map((c, i) => ({
      id: stableId(`${c.name}:${i}:${JSON.stringify(c.args)}`),
      name: c.name,
      args: c.args,
    }));
  } else {
    ({ text, toolCalls } = defaultContent(request));
  }
  let finishReason: NeutralAnswer['finishReason'] = toolCalls.length > 0 ? 'tool-calls' : 'stop';
  let stopSequence: string | undefined;
  if (overrides.contentFilter || overrides.refusal !== undefined) {
    text = null;
    toolCalls = [];
    finishReason = 'content-filter';
  } else if (text !== null && toolCalls.length === 0) {
    const stop = request.stopSequences?.find((s) => s.length > 0 && text?.includes(s));
    if (stop !== undefined) {
      text = text.slice(0, text.indexOf(stop));
      finishReason = 'stop-sequence';
      stopSequence = stop;
    }
    if (request.maxTokens !== undefined && tokensOf(text) > request.maxTokens) {
      text = text.slice(0, Math.max(1, request.maxTokens * 4));
      finishReason = 'length';
    }
  }
  if (reply?.finishReason) finishReason = reply.finishReason;
  const outputChars =
    (text ?? '').length +
    toolCalls.reduce((n, c) => n + c.name.length + JSON.stringify(c.args).length, 0);
  const usage = {
    inputTokens: reply?.usage?.inputTokens ?? inputTokens,
    outputTokens:
      reply?.usage?.outputTokens ??
      (finishReason === 'content-filter' ? 0 : Math.max(1, Math.ceil(outputChars / 4))),
    cachedInputTokens: reply?.usage?.cachedInputTokens ?? cachedInputTokens,
    ...(reply?.usage?.cacheWriteInputTokens !== undefined && {
      cacheWriteInputTokens: reply.usage.cacheWriteInputTokens,
    }),
    ...(reply?.usage?.cacheWrite1hInputTokens !== undefined && {
      cacheWrite1hInputTokens: reply.usage.cacheWrite1hInputTokens,
    }),
    ...(reply?.usage?.reasoningTokens !== undefined && {
      reasoningTokens: reply.usage.reasoningTokens,
    }),
    ...(reply?.usage?.serviceTier !== undefined && { serviceTier: reply.usage.serviceTier }),
  };
  return {
    text,
    toolCalls,
    finishReason,
    ...(stopSequence !== undefined ? { stopSequence } : {}),
    usage,
    ...(overrides.refusal !== undefined ? { refusal: overrides.refusal } : {}),
    ...(reply?.secondChoice !== undefined ? { secondChoice: reply.secondChoice } : {}),
  };
}

function defaultContent(request: NeutralChatRequest): {
  text: string | null;
  toolCalls: NeutralToolCall[];
} {
  const ask = [...request.messages].reverse().find((m) => m.role === 'user')?.text ?? '';
  const tool = chooseTool(request);
  if (tool) {
    const args = valueForSchema(tool.schema, promptValues(ask), tool.name);
    const record =
      typeof args === 'object' && args !== null && !Array.isArray(args)
        ? (args as Record<string, unknown>)
        : { value: args };
    return {
      text: null,
      toolCalls: [
        { id: stableId(`${tool.name}:0:${JSON.stringify(record)}`), name: tool.name, args: record },
      ],
    };
  }
  const text = answerText(request.messages);
  if (request.json) {
    const value = request.json.schema
      ? valueForSchema(request.json.schema, promptValues(ask))
      : { answer: text };
    return { text: JSON.stringify(value), toolCalls: [] };
  }
  return { text, toolCalls: [] };
}

/** Input tokens of a request: ≈ chars/4 of every message, tool call, tool result and tool schema. */
export function inputTokensOf(request: NeutralChatRequest): number {
  let chars = 0;
  for (const m of request.messages) {
    chars += m.text.length + (m.toolResult?.length ?? 0);
    for (const c of m.toolCalls ?? []) chars += c.name.length + JSON.stringify(c.args ?? {}).length;
  }
  for (const t of request.tools)
    chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.schema).length;
  if (request.json?.schema) chars += JSON.stringify(request.json.schema).length;
  return Math.max(1, Math.ceil(chars / 4));
}
