import type { FinishEvent, FinishReason, StreamEvent, Usage } from '@modelmux/core';
import type { RoutedResult } from '../routed-result.js';
import { errorBody, type HttpError } from './http-error.js';
import { objectText, type StreamEncoder, ToolCallSlots } from './stream-encoder.js';

/** modelmux's finish reason as OpenAI's `finish_reason`. */
export function openAIFinishReason(reason: FinishReason): string {
  if (reason === 'length') return 'length';
  if (reason === 'tool-calls') return 'tool_calls';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

/** modelmux's usage as OpenAI's `usage`. */
export function openAIUsage(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}

const seconds = () => Math.floor(Date.now() / 1000);

/** A routed result as a `chat.completion` object. */
export function openAIChatCompletion(result: RoutedResult, created = seconds()): unknown {
  const text =
    result.text === '' && result.object !== undefined ? JSON.stringify(result.object) : result.text;
  const toolCalls = result.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.rawArgs },
  }));
  return {
    id: `chatcmpl-${result.requestId}`,
    object: 'chat.completion',
    created,
    model: result.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(result.finishReason),
      },
    ],
    usage: openAIUsage(result.usage),
    system_fingerprint: null,
  };
}

const data = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;

/** Writes `chat.completion.chunk` events exactly as OpenAI streams them. */
export class OpenAIChunkEncoder implements StreamEncoder {
  private readonly slots = new ToolCallSlots();
  private textSent = false;
  private finish: FinishEvent | undefined;
  private readonly created = seconds();

  constructor(
    private readonly id: string,
    private model: string,
    private readonly includeUsage: boolean,
  ) {}

  private chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    return data({
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      system_fingerprint: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.includeUsage && { usage: null }),
    });
  }

  start(): string {
    return this.chunk({ role: 'assistant', content: '', refusal: null });
  }

  event(event: StreamEvent): string {
    switch (event.type) {
      case 'text-delta':
        if (event.text === '') return '';
        this.textSent = true;
        return this.chunk({ content: event.text });
      case 'tool-call-delta': {
        const { slot, fresh } = this.slots.delta(event.index, event.id, event.name);
        const call = fresh
          ? {
              index: slot.index,
              id: slot.id,
              type: 'function',
              function: { name: slot.name, arguments: event.argsDelta },
            }
          : { index: slot.index, function: { arguments: event.argsDelta } };
        return this.chunk({ tool_calls: [call] });
      }
      case 'tool-call': {
        const slot = this.slots.complete(event.toolCall);
        if (!slot) return '';
        const { id, name, rawArgs } = event.toolCall;
        return this.chunk({
          tool_calls: [
            { index: slot.index, id, type: 'function', function: { name, arguments: rawArgs } },
          ],
        });
      }
      case 'finish': {
        this.finish = event;
        this.model = event.model;
        const json = objectText(event, this.textSent);
        return (
          (json === undefined ? '' : this.chunk({ content: json })) +
          this.chunk({}, openAIFinishReason(event.finishReason))
        );
      }
    }
  }

  end(): string {
    const usage =
      this.includeUsage && this.finish
        ? data({
            id: this.id,
            object: 'chat.completion.chunk',
            created: this.created,
            model: this.model,
            system_fingerprint: null,
            choices: [],
            usage: openAIUsage(this.finish.usage),
          })
        : '';
    return `${usage}data: [DONE]\n\n`;
  }

  error(error: HttpError): string {
    return data(errorBody(error, 'openai'));
  }
}
