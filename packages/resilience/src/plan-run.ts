import {
  type AttemptFailure,
  CircuitOpenError,
  InvalidRequestError,
  type Provider,
  ProviderError,
  errorRule,
} from '@modelmux/core';
import { LinkedController, abortReasons, abortWith, raceSignal, signalAborted } from './abort.js';
import { AttemptCall, Lane } from './attempt-call.js';
import {
  type CallSite,
  classifyFailure,
  isDeadlineCut,
  isSuperseded,
  toAttemptFailure,
} from './classify.js';
import type { ExecutorCore, Skip } from './executor-core.js';
import type { Candidate } from './executor-options.js';
import type { Operation } from './operation.js';
import {
  candidateModel,
  candidateProvider,
  endsRequest,
  hedgeDelayMs,
  planFailure,
} from './plan-outcome.js';
import {
  emitAttempt,
  emitFailure,
  emitFallback,
  emitRetry,
  emitSkip,
  emitSuccess,
} from './plan-run-events.js';
import type { GiveUpReason, RetryHooks } from './retry.js';

const onHedgeTimer = (run: { hedgeTimerFired(): void }): void => run.hedgeTimerFired();

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/**
 * One request through an ordered plan of candidates: skips the unusable ones, runs each lane on
 * the executor's `RetryPolicy` around its `CircuitBreakerPolicy` and the call's timeout (the
 * same policies as `wrap(retry(), circuitBreaker(), timeout())`, under the request deadline),
 * moves on per the error table, hedges when asked. Settles once: the first success, a stop
 * (bad request, caller abort…), or the end of the plan (`AllProvidersFailedError` /
 * `NoProviderAvailableError`). It is the retry loop's hooks for its lanes (`RetryHooks<Lane>`).
 */
export class PlanRun<R> implements RetryHooks<Lane> {
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /** The lane that won, once settled with a result. */
  winner: Lane | undefined;
  /** When the deadline passes (epoch ms on the executor's clock); Infinity for none. */
  private deadlineAt = Infinity;
  /** Set once a call was cut by the deadline, or the deadline stopped the run. */
  private deadlinePassed = false;
  private hedgeTimer: ReturnType<typeof setTimeout> | undefined;
  private next = 0;
  private readonly active: Lane[] = [];
  private settled = false;
  private calls = 0;
  private failures: AttemptFailure[] | undefined;
  private contextFloor = 0;
  private lastFailed: Lane | undefined;
  private lastFailedKind: ProviderError['kind'] = 'unknown';
  private resolveRun: (value: R) => void = () => undefined;
  private rejectRun: (error: unknown) => void = () => undefined;
  /** One try on a lane, bound once per run (the retry loop calls it with the lane). */
  private readonly tryLane = (lane: Lane, attempt: number): Promise<R> =>
    this.tryOnce(lane, attempt);
  /** One call, bound once per run (the breaker fires it with the call). */
  private readonly callProvider = (call: AttemptCall): Promise<R> => this.startCall(call);

  constructor(
    readonly core: ExecutorCore,
    readonly op: Operation<R>,
    private readonly candidates: readonly Candidate[],
    callerSignal: AbortSignal | undefined,
    /** The request's deadline in ms; undefined for none; ≤ 0 means already passed. */
    readonly deadlineMs: number | undefined,
  ) {
    this.signal = callerSignal;
  }

  /** Runs the plan; resolves with the winner's result (see `winner`). Call `dispose()` after. */
  execute(): Promise<R> {
    if (this.signal?.aborted) {
      return Promise.reject(
        new ProviderError({
          kind: 'aborted',
          provider: this.firstName(),
          message: 'The caller aborted the request before any call',
          cause: this.signal.reason,
        }),
      );
    }
    // The deadline is enforced by each call's own timer (see AttemptCall), by refusing waits and
    // new calls that would start after it, and by racing async validators against it.
    if (this.deadlineMs !== undefined) this.deadlineAt = this.core.now() + this.deadlineMs;
    return new Promise<R>((resolve, reject) => {
      this.resolveRun = resolve;
      this.rejectRun = reject;
      if (!this.startNext(false)) this.finish();
    });
  }

  /** Stops the timers and lets go of every signal (at the end of the request or stream). */
  dispose(): void {
    this.clearHedgeTimer();
    const winner = this.winner;
    winner?.call?.release();
    winner?.controller?.unlink();
  }

  /** Time left before the deadline, in ms (Infinity for none). */
  deadlineLeftMs(): number {
    return this.deadlineAt === Infinity ? Infinity : this.deadlineAt - this.core.now();
  }

  /** The information `classifyFailure` needs about a lane. */
  siteOf(lane: Lane): CallSite {
    return {
      provider: lane.provider.name,
      model: lane.model,
      timeoutMs: this.core.timeoutMs,
      deadlineMs: this.deadlineMs ?? 0,
    };
  }

  /** Starts one call (inside the breaker, when there is one). */
  private async startCall(call: AttemptCall): Promise<R> {
    const lane = call.lane;
    const core = this.core;
    this.calls++;
    call.startedAt = core.now();
    emitAttempt(core, this.op, lane);
    try {
      return await raceSignal(this.op.call(lane.provider, lane.model, call), call.signal);
    } catch (error) {
      call.closeIterator();
      throw classifyFailure(error, call.signal, this.siteOf(lane));
    }
  }

  /** The hedge delay passed with the run still open: start the next candidate alongside. */
  hedgeTimerFired(): void {
    this.hedgeTimer = undefined;
    const hedge = this.core.hedge;
    if (!this.settled && hedge && this.active.length < hedge.maxConcurrent) this.startNext(true);
  }

  private firstName(): string {
    const first = this.candidates[0];
    return first ? candidateProvider(first).name : 'unknown';
  }

  /** Starts the next usable candidate; false when none is left (or the run is over). */
  private startNext(hedge: boolean): boolean {
    if (this.settled || this.signal?.aborted) return false;
    const core = this.core;
    const candidates = this.candidates;
    const now = core.now();
    if (now >= this.deadlineAt) {
      this.deadlinePassed = true;
      return false;
    }
    while (this.next < candidates.length) {
      const candidate = candidates[this.next++];
      if (!candidate) continue;
      const provider = candidateProvider(candidate);
      const model = candidateModel(candidate, provider, this.op);
      const entry = core.entryFor(provider.name);
      const skip =
        this.op.unsupported(provider) ??
        core.skipFor(provider, model, entry, now) ??
        this.contextSkip(provider, model);
      if (skip) {
        this.recordSkip(provider.name, model, skip);
        continue;
      }
      const controller = core.hedge ? new LinkedController(this.signal) : undefined;
      const lane = new Lane(provider, model, entry, hedge, controller, this.signal);
      this.active.push(lane);
      const from = this.lastFailed;
      if (from) emitFallback(core, this.op, from, this.lastFailedKind, provider, model);
      this.lastFailed = undefined;
      this.runLane(lane).then(
        (result) => this.laneSucceeded(lane, result),
        (error: unknown) => this.laneFailed(lane, error),
      );
      this.armHedge(lane);
      return true;
    }
    return false;
  }

  /**
   * One candidate's tries: the executor's retry policy (the same loop as `retry()`) around
   * `tryOnce`, with this run as its hooks: every failure is recorded, and a retry happens only
   * when the error table says `backoff`, the breaker still allows calls, the wait ends before
   * the deadline, and no other candidate can serve the request (fast failover).
   */
  private runLane(lane: Lane): Promise<R> {
    return this.core.retryPolicy.run(this.tryLane, lane, lane.signal, this);
  }

  /** One try: the breaker (when there is one) → the call under its timeout → the inspection. */
  private async tryOnce(lane: Lane, attempt: number): Promise<R> {
    const core = this.core;
    lane.attempt = attempt;
    const deadlineLeft = this.deadlineLeftMs();
    if (deadlineLeft <= 0) throw classifyFailure(signalAborted, deadlineSignal, this.siteOf(lane));
    const call = new AttemptCall(lane, core.timeoutMs, this.op.keepsCall, deadlineLeft);
    lane.lastCall = call;
    const breaker = lane.entry.breaker;
    let result: R;
    try {
      result = await (breaker ? breaker.fire(this.callProvider, call) : this.callProvider(call));
    } catch (thrown) {
      call.release();
      // The breaker opened between two tries on this lane: report the failure that opened it.
      if (CircuitOpenError.isInstance(thrown) && lane.lastError) throw lane.lastError;
      throw thrown;
    }
    call.settle(this.op.keepsCall ? this.deadlineLeftMs() : Infinity);
    lane.entry.reservoir?.record(core.now() - call.startedAt);
    let rejection = this.op.inspect(result, lane.provider, lane.model);
    if (isPromise(rejection)) rejection = await this.inspectInTime(rejection, lane);
    if (rejection) {
      call.release();
      this.op.discard(result, call);
      throw rejection;
    }
    if (!this.op.keepsCall) call.release();
    lane.call = call;
    return result;
  }

  /** Retry hook: a try failed; record it (the final error, events, provider state). */
  failed(lane: Lane, error: unknown): void {
    if (CircuitOpenError.isInstance(error) || !ProviderError.isInstance(error)) return;
    if (error === lane.lastError) return;
    const startedAt = lane.lastCall?.startedAt ?? this.core.now();
    this.recordFailure(lane, error, this.core.now() - startedAt);
    lane.lastError = error;
  }

  /**
   * Retry hook: may the lane retry after `delayMs`? Not when another candidate can serve the
   * request (fast failover: move on at once), the breaker no longer allows calls, or the wait
   * would end after the deadline.
   */
  allowsRetry(lane: Lane, _error: unknown, _attempt: number, delayMs: number): boolean {
    const breaker = lane.entry.breaker;
    if (breaker && !breaker.allowsCall()) return false;
    if (this.core.now() + delayMs >= this.deadlineAt) return false;
    return !this.hasOtherCandidate(lane);
  }

  /** Retry hook: a retry will happen; emit `onRetry`. */
  retrying(lane: Lane, error: unknown, attempt: number, delayMs: number): void {
    emitRetry(this.core, this.op, lane, error as ProviderError, attempt, delayMs);
  }

  /** Retry hook: a retry-after longer than `maxRetryAfterMs` cools the provider down instead. */
  gaveUp(lane: Lane, error: unknown, reason: GiveUpReason): void {
    if (reason !== 'retry-after-too-long') return;
    const failure = error as ProviderError;
    const retryAfter = failure.retryAfterMs ?? 0;
    this.core.startCoolDown(lane.provider.name, retryAfter, failure.kind, retryAfter);
  }

  /** Retry hook: the lane's signal aborted (the caller, or a lost hedge). */
  aborted(lane: Lane, signal: AbortSignal): unknown {
    return classifyFailure(signalAborted, signal, this.siteOf(lane));
  }

  /** True when a candidate other than `lane` could serve the request now. */
  private hasOtherCandidate(lane: Lane): boolean {
    if (this.active.length > 1 || (this.active.length === 1 && this.active[0] !== lane))
      return true;
    const core = this.core;
    const now = core.now();
    const candidates = this.candidates;
    for (let i = this.next; i < candidates.length; i++) {
      const candidate = candidates[i];
      if (!candidate) continue;
      const provider = candidateProvider(candidate);
      const model = candidateModel(candidate, provider, this.op);
      if (
        !this.op.unsupported(provider) &&
        !core.skipFor(provider, model, core.entryFor(provider.name), now) &&
        !this.contextSkip(provider, model)
      )
        return true;
    }
    return false;
  }

  /** Awaits an async inspection (validators) under the caller's signal and the deadline. */
  private async inspectInTime(
    inspection: Promise<ProviderError | undefined>,
    lane: Lane,
  ): Promise<ProviderError | undefined> {
    const left = this.deadlineLeftMs();
    const guard = left === Infinity ? undefined : new LinkedController(lane.signal);
    const timer = guard
      ? setTimeout(abortWith, Math.max(0, left), guard, abortReasons.deadline)
      : undefined;
    const signal = guard ? guard.signal : lane.signal;
    try {
      return await raceSignal(inspection, signal);
    } catch (error) {
      return classifyFailure(error, signal, this.siteOf(lane)) as ProviderError;
    } finally {
      clearTimeout(timer);
      guard?.unlink();
    }
  }

  private laneSucceeded(lane: Lane, result: R): void {
    this.removeLane(lane);
    const core = this.core;
    if (this.settled) {
      // Answered after another call had won: not a success, and its result is dropped.
      const call = lane.call;
      lane.call = undefined;
      if (call) {
        this.op.discard(result, call);
        call.release();
      }
      lane.controller?.unlink();
      const error = classifyFailure(
        signalAborted,
        abortedSignal,
        this.siteOf(lane),
      ) as ProviderError;
      if (core.failure.hasListeners) {
        const durationMs = call ? core.now() - call.startedAt : 0;
        emitFailure(core, this.op, lane, error, durationMs, true);
      }
      return;
    }
    this.settled = true;
    this.winner = lane;
    this.clearHedgeTimer();
    this.abortOthers();
    if (!this.op.keepsCall) {
      lane.controller?.unlink();
      emitSuccess(core, this.op, lane, lane.call, result);
    }
    this.resolveRun(result);
  }

  private laneFailed(lane: Lane, thrown: unknown): void {
    this.removeLane(lane);
    lane.controller?.unlink();
    if (this.settled) return;
    if (CircuitOpenError.isInstance(thrown)) {
      // The breaker opened between the skip check and the call (a concurrent request tripped it).
      this.recordSkip(lane.provider.name, lane.model, {
        kind: lane.entry.breaker?.lastFailure ?? 'server',
        cause: 'breaker-open',
        reason: 'circuit breaker open',
        error: thrown,
      });
    } else {
      const error = ProviderError.isInstance(thrown)
        ? thrown
        : (classifyFailure(thrown, undefined, this.siteOf(lane)) as ProviderError);
      if (isDeadlineCut(error)) this.deadlinePassed = true;
      const then = errorRule(error.kind)?.then ?? 'next';
      if (endsRequest(this.core, error, then)) {
        this.settled = true;
        this.clearHedgeTimer();
        this.abortOthers();
        // A request the adapter could not build reaches the caller as the InvalidRequestError it is.
        this.rejectRun(InvalidRequestError.isInstance(error.cause) ? error.cause : error);
        return;
      }
      if (then === 'next-that-fits') this.raiseContextFloor(lane);
      this.lastFailed = lane;
      this.lastFailedKind = error.kind;
    }
    if (this.startNext(false)) return;
    if (this.active.length === 0) this.finish();
  }

  private finish(): void {
    this.settled = true;
    this.clearHedgeTimer();
    const deadlinePassed = this.deadlinePassed || this.core.now() >= this.deadlineAt;
    this.rejectRun(planFailure(this.failures ?? [], this.calls, deadlinePassed, this.deadlineMs));
  }

  private recordFailure(lane: Lane, error: ProviderError, latencyMs: number): void {
    const core = this.core;
    const hedgeLost = error.kind === 'aborted' && isSuperseded(error);
    if (!hedgeLost)
      (this.failures ??= []).push(
        toAttemptFailure(error, lane.provider.name, lane.model, latencyMs),
      );
    core.applyFailure(lane.provider.name, lane.model, error);
    emitFailure(core, this.op, lane, error, latencyMs, hedgeLost);
  }

  private recordSkip(provider: string, model: string | undefined, skip: Skip): void {
    emitSkip(this.core, this.op, provider, model, skip);
    (this.failures ??= []).push({
      provider,
      model,
      kind: skip.kind,
      status: undefined,
      latencyMs: 0,
      message: `skipped: ${skip.reason}`,
      error: skip.error,
    });
  }

  private contextSkip(provider: Provider, model: string | undefined): Skip | undefined {
    if (this.contextFloor === 0 || model === undefined) return undefined;
    const window = this.core.contextWindowOf(provider, model);
    if (window === undefined || window >= this.contextFloor) return undefined;
    return {
      kind: 'context_length',
      cause: 'context-window',
      reason: `context window of ${window} tokens is below the ${this.contextFloor} this request needs`,
      error: undefined,
    };
  }

  private raiseContextFloor(lane: Lane): void {
    const need = this.op.contextNeed() ?? 0;
    const failedWindow =
      lane.model === undefined ? undefined : this.core.contextWindowOf(lane.provider, lane.model);
    this.contextFloor = Math.max(
      this.contextFloor,
      need,
      failedWindow === undefined ? 0 : failedWindow + 1,
    );
  }

  private armHedge(lane: Lane): void {
    const hedge = this.core.hedge;
    if (!hedge || this.active.length >= hedge.maxConcurrent || this.next >= this.candidates.length)
      return;
    this.clearHedgeTimer();
    this.hedgeTimer = setTimeout(onHedgeTimer, hedgeDelayMs(hedge, lane), this);
  }

  private clearHedgeTimer(): void {
    if (this.hedgeTimer !== undefined) {
      clearTimeout(this.hedgeTimer);
      this.hedgeTimer = undefined;
    }
  }

  private abortOthers(): void {
    for (const other of this.active) other.controller?.abort(abortReasons.superseded);
  }

  private removeLane(lane: Lane): void {
    const index = this.active.indexOf(lane);
    if (index >= 0) this.active.splice(index, 1);
  }
}

/** A signal already aborted as "superseded", to classify a late hedge winner. */
const abortedSignal = AbortSignal.abort(abortReasons.superseded);
/** A signal already aborted by the deadline, to classify a call the deadline left no time for. */
const deadlineSignal = AbortSignal.abort(abortReasons.deadline);
