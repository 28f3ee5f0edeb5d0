import {
  AllProvidersFailedError,
  type ChatInput,
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  InvalidRequestError,
  NoProviderAvailableError,
  type StreamEvent,
  toChatRequest,
} from '@modelmux/core';
import type { Event } from './events.js';
import { checkCandidates } from './check-candidates.js';
import { ExecutorCore } from './executor-core.js';
import type {
  AttemptEvent,
  CoolDownEvent,
  FailureEvent,
  FallbackEvent,
  ProviderBreakEvent,
  ProviderBreakerEvent,
  ProviderStatus,
  RetryAttemptEvent,
  SkipEvent,
  SuccessEvent,
} from './executor-events.js';
import type { Candidate, ExecuteOptions, FallbackExecutorOptions } from './executor-options.js';
import { EmbedOperation, GenerateOperation } from './operations.js';
import { PlanRun } from './plan-run.js';
import { streamThroughPlan } from './stream-run.js';

/**
 * Runs requests through an ordered plan of providers with retries, per-attempt timeouts, a
 * deadline, a breaker per provider, cool-downs, unavailable marks, quality fallback and
 * optional hedging, following the error table in the README. Create with
 * `createFallbackExecutor()`; one executor per process (its state is what makes it useful).
 */
export class FallbackExecutor {
  private readonly core: ExecutorCore;

  /** A call to a provider starts. */
  readonly onAttempt: Event<AttemptEvent>;
  /** A candidate is skipped without a call (cool-down, unavailable, open breaker, …). */
  readonly onSkip: Event<SkipEvent>;
  /** A failed call will be retried on the same provider. */
  readonly onRetry: Event<RetryAttemptEvent>;
  /** The request moves from a failed provider to the next. */
  readonly onFallback: Event<FallbackEvent>;
  /** A provider's breaker opened. */
  readonly onBreak: Event<ProviderBreakEvent>;
  /** A provider's breaker lets one probe through. */
  readonly onHalfOpen: Event<ProviderBreakerEvent>;
  /** A provider's breaker closed again. */
  readonly onReset: Event<ProviderBreakerEvent>;
  /** A provider is skipped for a while after a rate limit or quota error. */
  readonly onCoolDown: Event<CoolDownEvent>;
  /** A call succeeded (only a hedge's winner). */
  readonly onSuccess: Event<SuccessEvent>;
  /** A call failed (hedge losers as `aborted`, `hedgeLost: true`). */
  readonly onFailure: Event<FailureEvent>;

  constructor(options: FallbackExecutorOptions = {}) {
    const core = new ExecutorCore(options);
    this.core = core;
    this.onAttempt = core.attempt.event;
    this.onSkip = core.skip.event;
    this.onRetry = core.retry.event;
    this.onFallback = core.fallback.event;
    this.onBreak = core.break.event;
    this.onHalfOpen = core.halfOpen.event;
    this.onReset = core.reset.event;
    this.onCoolDown = core.coolDown.event;
    this.onSuccess = core.success.event;
    this.onFailure = core.failure.event;
  }

  /**
   * Generates through the plan; the first acceptable answer wins. `input` is a prompt, messages
   * or a `ChatRequest`, validated once here (`InvalidRequestError` naming the field).
   */
  async generate<T = unknown>(
    candidates: readonly Candidate[],
    input: ChatInput<T>,
    options?: ExecuteOptions,
  ): Promise<ChatResult<T>> {
    const core = this.core;
    checkCandidates(candidates);
    const request = toChatRequest(input);
    const run = new PlanRun(
      core,
      new GenerateOperation(core, request as ChatRequest<unknown>),
      candidates,
      request.signal,
      this.deadlineOf(options),
    );
    try {
      return (await run.execute()) as ChatResult<T>;
    } catch (error) {
      const answer = await this.fallbackAnswer(error, request as ChatRequest<unknown>);
      if (answer) return answer as ChatResult<T>;
      throw error;
    } finally {
      run.dispose();
    }
  }

  /**
   * Streams through the plan. Falls back only before the first event; after it, a failure
   * throws `StreamInterruptedError` with the partial text. Lazy: nothing starts until iterated.
   */
  stream(
    candidates: readonly Candidate[],
    input: ChatInput,
    options?: ExecuteOptions,
  ): AsyncIterable<StreamEvent> {
    // The input and the deadline are validated on the first next(), like every other failure
    // of a stream (streamThroughPlan is a generator: nothing runs before it is iterated).
    return streamThroughPlan(
      this.core,
      candidates,
      input,
      () => this.deadlineOf(options),
      (error, request) => this.fallbackAnswer(error, request),
    );
  }

  /** Embeds through the plan; providers without `embed` are skipped. */
  async embed(
    candidates: readonly Candidate[],
    request: EmbedRequest,
    options?: ExecuteOptions,
  ): Promise<EmbedResult> {
    const core = this.core;
    checkCandidates(candidates);
    validateEmbedRequest(request);
    const run = new PlanRun(
      core,
      new EmbedOperation(request),
      candidates,
      request.signal,
      this.deadlineOf(options),
    );
    try {
      return await run.execute();
    } finally {
      run.dispose();
    }
  }

  /** Each provider seen so far: breaker state, cool-down, unavailable marks (no secrets). */
  status(): ProviderStatus[] {
    return this.core.status();
  }

  /**
   * Forgets the cool-downs and unavailable marks of one provider (e.g. after fixing its key), or
   * of all. Breakers are kept: they close on their own after a successful probe.
   */
  clearMarks(provider?: string): void {
    this.core.clearMarks(provider);
  }

  /** @deprecated Use `clearMarks()` (the same: it forgets cool-downs and marks, not breakers). */
  reset(provider?: string): void {
    this.core.clearMarks(provider);
  }

  /** Stops every breaker's timer and removes every listener. */
  dispose(): void {
    this.core.dispose();
  }

  /** The request's deadline: the per-call one (≤ 0: already passed), else the executor's. */
  private deadlineOf(options: ExecuteOptions | undefined): number | undefined {
    const perCall = options?.deadlineMs;
    if (perCall === undefined) return this.core.deadlineMs;
    if (typeof perCall !== 'number' || Number.isNaN(perCall))
      throw new InvalidRequestError({
        field: 'deadlineMs',
        message: `expected a number of ms (≤ 0 means already passed), got ${String(perCall)}`,
      });
    return perCall === Infinity ? undefined : perCall;
  }

  private async fallbackAnswer(
    error: unknown,
    request: ChatRequest<unknown>,
  ): Promise<ChatResult | undefined> {
    const fallback = this.core.fallbackResponse;
    if (fallback === undefined) return undefined;
    if (!AllProvidersFailedError.isInstance(error) && !NoProviderAvailableError.isInstance(error))
      return undefined;
    return typeof fallback === 'function' ? fallback(error, request) : fallback;
  }
}

/**
 * Creates the engine that runs a request through an ordered list of providers (the router's
 * plan) with retries, timeouts, a deadline, breakers, cool-downs, quality fallback and hedging.
 *
 * @example
 * const executor = createFallbackExecutor({ maxRetries: 2, timeoutMs: 10_000, deadlineMs: 30_000 });
 * executor.onFallback(({ from, to, kind }) => log(`${from} → ${to} (${kind})`));
 * const result = await executor.generate([openai, anthropic], { messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createFallbackExecutor(options: FallbackExecutorOptions = {}): FallbackExecutor {
  return new FallbackExecutor(options);
}

/** The checks `embed` needs before any call: the input and the signal. */
function validateEmbedRequest(request: EmbedRequest): void {
  if (!request || typeof request !== 'object')
    throw new InvalidRequestError({ field: 'request', message: 'expected an EmbedRequest object' });
  const input: unknown = request.input;
  if (!Array.isArray(input) || input.length === 0 || input.some((text) => typeof text !== 'string'))
    throw new InvalidRequestError({
      field: 'input',
      message: 'expected a non-empty array of strings',
    });
  const signal = request.signal as Partial<AbortSignal> | undefined;
  if (
    signal !== undefined &&
    (typeof signal !== 'object' ||
      signal === null ||
      typeof signal.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function')
  )
    throw new InvalidRequestError({ field: 'signal', message: 'expected an AbortSignal' });
}
