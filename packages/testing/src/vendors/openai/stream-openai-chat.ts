import type { NeutralAnswer } from '../../brain/neutral.js';
import { asRecord, chunks, fragments, sse, type ReplyContext } from '../codec.js';
import {
  completionId,
  openAIFinishReason,
  openAIToolCallId,
  openAIUsage,
} from './write-openai-chat.js';

/**
 * The `chat.completion.chunk` events of a streamed answer: a role chunk, content or tool call
 * deltas (first delta of a call carries `id` and `function.name`, then argument fragments), a
 * finish chunk, a usage chunk with empty `choices` when `stream_options.include_usage`, and
 * `[DONE]`. Groq adds `x_groq` with the id on the first chunk and the usage on the last.
 */
export function openAIChatEvents(
  answer: NeutralAnswer,
  body: unknown,
  ctx: ReplyContext,
  groq: boolean,
): string[] {
  const includeUsage = asRecord(asRecord(body)['stream_options'])['include_usage'] === true;
  const base = {
    id: completionId(ctx, groq),
    object: 'chat.completion.chunk',
    created: Math.floor(ctx.now / 1000),
    model: ctx.model,
    ...(groq ? {} : { service_tier: answer.usage.serviceTier ?? 'default' }),
    system_fingerprint: 'fp_fake',
  };
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null,
    extra: Record<string, unknown> = {},
    index = 0,
  ) =>
    sse({
      ...base,
      choices: [{ index, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
  // A second choice sent unasked: its chunks interleaved with choice 0's, as OpenAI streams `n: 2`.
  const second = answer.secondChoice === undefined ? [] : fragments(answer.secondChoice);
  const events: string[] = [];
  const first: Record<string, unknown> = {
    role: 'assistant',
    content: answer.toolCalls.length > 0 || answer.text === null ? null : '',
  };
  if (!groq) first['refusal'] = null;
  events.push(chunk(first, null, groq ? { x_groq: { id: `req_fake${ctx.seq}` } } : {}));
  if (second.length > 0) events.push(chunk({ role: 'assistant', content: '' }, null, {}, 1));
  if (answer.text)
    for (const part of fragments(answer.text)) {
      events.push(chunk({ content: part }, null));
      const other = second.shift();
      if (other !== undefined) events.push(chunk({ content: other }, null, {}, 1));
    }
  for (const other of second.splice(0)) events.push(chunk({ content: other }, null, {}, 1));
  if (answer.secondChoice !== undefined) events.push(chunk({}, 'stop', {}, 1));
  if (answer.refusal !== undefined)
    for (const part of fragments(answer.refusal)) events.push(chunk({ refusal: part }, null));
  answer.toolCalls.forEach((call, index) => {
    events.push(
      chunk(
        {
          tool_calls: [
            {
              index,
              id: openAIToolCallId(call),
              type: 'function',
              function: { name: call.name, arguments: '' },
            },
          ],
        },
        null,
      ),
    );
    for (const part of chunks(JSON.stringify(call.args), 16))
      events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }, null));
  });
  const usage = openAIUsage(answer.usage, groq);
  events.push(
    chunk(
      {},
      answer.refusal !== undefined ? 'stop' : openAIFinishReason(answer.finishReason),
      groq ? { x_groq: { id: `req_fake${ctx.seq}`, usage } } : {},
    ),
  );
  if (includeUsage) events.push(sse({ ...base, choices: [], usage }));
  events.push(sse('[DONE]'));
  return events;
}
