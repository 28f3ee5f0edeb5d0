import type { Usage } from '@modelmux/core';
import type { RoutedAttempt } from '../tracked-candidates.js';
import type { HandlerContext, HandlerRecord } from './handler-types.js';

/** What the record and the routed headers need of an answer. */
export interface Answered {
  provider: string;
  model: string;
  attempts: readonly RoutedAttempt[];
  usage: Usage;
  costUsd: number | undefined;
  cached?: boolean;
  strategy?: string;
}

/** Time spent waiting on providers: the calls' own latency. */
export function upstreamMs(attempts: readonly RoutedAttempt[]): number {
  let total = 0;
  for (const attempt of attempts) total += attempt.latencyMs;
  return total;
}

/** The usage as the record keeps it. */
export function recordUsage(usage: Usage): NonNullable<HandlerRecord['usage']> {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    ...(usage.cachedInputTokens !== undefined && { cachedInputTokens: usage.cachedInputTokens }),
  };
}

/**
 * One request's bookkeeping: its id, what was asked, when it started, and the single
 * `onFinish` call (errors and cut streams included). A throwing `onFinish` is ignored.
 */
export class RequestScope {
  requestId = '';
  model = '';
  stream = false;
  strategy: string | undefined;
  private finished = false;

  constructor(
    readonly endpoint: HandlerRecord['endpoint'],
    readonly context: HandlerContext | undefined,
    readonly started: number,
  ) {}

  /** Elapsed ms since the request arrived. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /** The headers of a routed answer. */
  routedHeaders(answer: Answered | undefined, overheadMs: number): Headers {
    const headers = new Headers({ 'x-request-id': this.requestId });
    if (answer) {
      headers.set('x-modelmux-provider', answer.provider);
      headers.set('x-modelmux-model', answer.model);
      headers.set('x-modelmux-attempts', String(answer.attempts.length));
    }
    headers.set('x-modelmux-overhead-ms', overheadMs.toFixed(3));
    return headers;
  }

  /** Reports a finished request once. */
  finish(fields: Partial<HandlerRecord> & { status: number }): void {
    if (this.finished) return;
    this.finished = true;
    const onFinish = this.context?.onFinish;
    if (!onFinish) return;
    const record: HandlerRecord = {
      requestId: this.requestId,
      endpoint: this.endpoint,
      model: this.model,
      attempts: 0,
      fallback: false,
      stream: this.stream,
      latencyMs: this.elapsed(),
      ...(this.strategy !== undefined && { strategy: this.strategy }),
      ...fields,
    };
    try {
      onFinish(record);
    } catch {
      // A dashboard's failure must not fail the request.
    }
  }

  /** Reports an answered request: provider, model, attempts, usage and cost. */
  finishAnswered(
    answer: Answered,
    status: number,
    overheadMs?: number,
    extra: Partial<HandlerRecord> = {},
  ): void {
    const first = answer.attempts[0];
    this.finish({
      ...extra,
      status,
      provider: answer.provider,
      providerModel: answer.model,
      attempts: answer.attempts.length,
      fallback:
        answer.attempts.length > 1 || (first !== undefined && first.provider !== answer.provider),
      usage: recordUsage(answer.usage),
      ...(answer.strategy !== undefined && { strategy: answer.strategy }),
      ...(answer.costUsd !== undefined && { costUsd: answer.costUsd }),
      ...(answer.cached !== undefined && { cached: answer.cached }),
      ...(overheadMs !== undefined && { overheadMs }),
    });
  }
}
