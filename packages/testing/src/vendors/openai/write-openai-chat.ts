import type {
  NeutralAnswer,
  NeutralFinishReason,
  NeutralToolCall,
  NeutralUsage,
} from '../../brain/neutral.js';
import type { ReplyContext } from '../codec.js';

/** OpenAI's `finish_reason` for a neutral one. */
export function openAIFinishReason(reason: NeutralFinishReason): string {
  if (reason === 'length') return 'length';
  if (reason === 'tool-calls') return 'tool_calls';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

/** OpenAI's tool call id for a neutral call. */
export function openAIToolCallId(call: NeutralToolCall): string {
  return `call_${call.id}`;
}

/** OpenAI's usage object (cached tokens are part of `prompt_tokens`). */
export function openAIUsage(usage: NeutralUsage, groq: boolean): Record<string, unknown> {
  const base = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (groq) {
    return {
      queue_time: 0.01,
      ...base,
      prompt_time: 0.001,
      completion_time: 0.01,
      total_time: 0.011,
      ...(usage.cachedInputTokens > 0
        ? { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }
        : {}),
      ...(usage.reasoningTokens
        ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }
        : {}),
    };
  }
  return {
    ...base,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The completion id of a response. */
export function completionId(ctx: ReplyContext, groq: boolean): string {
  return `chatcmpl-${groq ? '' : 'fake'}${String(ctx.seq).padStart(8, '0')}`;
}

/** An OpenAI (or Groq) `chat.completion` object. */
export function openAIChatJson(
  answer: NeutralAnswer,
  ctx: ReplyContext,
  groq: boolean,
): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: answer.text };
  if (answer.toolCalls.length > 0) {
    message['tool_calls'] = answer.toolCalls.map((c) => ({
      id: openAIToolCallId(c),
      type: 'function',
      function: { name: c.name, arguments: JSON.stringify(c.args) },
    }));
  }
  if (!groq) {
    message['refusal'] = null;
    message['annotations'] = [];
  }
  if (answer.refusal !== undefined) message['refusal'] = answer.refusal;
  return {
    id: completionId(ctx, groq),
    object: 'chat.completion',
    created: Math.floor(ctx.now / 1000),
    model: ctx.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        // A refusal ends with `stop`, as OpenAI sends it; the refusal text says what happened.
        finish_reason:
          answer.refusal !== undefined ? 'stop' : openAIFinishReason(answer.finishReason),
      },
      ...(answer.secondChoice === undefined
        ? []
        : [
            {
              index: 1,
              message: { ...message, content: answer.secondChoice, tool_calls: undefined },
              logprobs: null,
              finish_reason: 'stop',
            },
          ]),
    ],
    usage: openAIUsage(answer.usage, groq),
    ...(groq
      ? {
          usage_breakdown: null,
          system_fingerprint: 'fp_fake',
          x_groq: { id: `req_fake${ctx.seq}` },
        }
      : { service_tier: answer.usage.serviceTier ?? 'default', system_fingerprint: 'fp_fake' }),
  };
}
