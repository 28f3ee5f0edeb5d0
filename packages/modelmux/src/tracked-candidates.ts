import {
  chatResultProblem,
  embedResultProblem,
  finishEventProblem,
  invalidResultError,
  type ChatRequest,
  type EmbedRequest,
  type ErrorKind,
  type Provider,
  ProviderError,
  redactSecrets,
  type StreamEvent,
  type Usage,
} from '@modelmux/core';
import { type PartialCharge, wasBilled } from './call-charges.js';

/** One call made for a request: which provider and model, how long, and why it failed. */
export interface RoutedAttempt {
  provider: string;
  model: string | undefined;
  ok: boolean;
  latencyMs: number;
  /** Why it failed (absent on success). */
  kind?: ErrorKind;
  status?: number;
  /** The redacted error message (absent on success). */
  message?: string;
  /** The failure itself (absent on success). */
  error?: unknown;
  /**
   * What a failed call was charged (USD) when it was cut after it was sent (aborted, timed out,
   * connection cut, stream stopped): an estimate from the input and the text received.
   */
  costUsd?: number;
  /** The estimated usage of such a call. */
  usage?: Usage;
  /** True on a charged failure: its usage and cost are estimates, not the vendor's figures. */
  usageEstimated?: true;
}

/** A plan entry as the executor takes it. */
export type PlanCandidate = Provider | { provider: Provider; model?: string };

/** A held budget reservation for one call. */
export interface CallReservation {
  settle(actualCostUsd: number): Promise<void>;
  release(): Promise<void>;
}

/** What `formatRequest` returned for a call: its key (see the response cache), provider and model. */
export interface SentRequest {
  key: string;
  provider: string;
  model: string | undefined;
}

/** Per-request bookkeeping around each call the executor makes. */
export interface CallTracking {
  /** Every call, in order. */
  attempts: RoutedAttempt[];
  now: () => number;
  /** Reserves the predicted cost of a call to `provider` (throws when over budget or rate limit). */
  reserve: (provider: string, model: string | undefined) => Promise<CallReservation>;
  /** Provider-specific formatting of the request before each call (`hooks.formatRequest`). */
  format?: (provider: Provider, request: ChatRequest) => Promise<ChatRequest>;
  /** With `format`: what was sent to each provider, for the response cache. */
  sent?: Map<string, SentRequest>;
  /** The key of a formatted request (set with `format`). */
  keyOf?: (request: ChatRequest, model: string | undefined) => string;
  /**
   * The estimated charge of a call cut after it was sent, from the input and `outputChars`
   * characters received (undefined when its price is unknown). Settled instead of a release.
   */
  partial?: (provider: string, model: string, outputChars: number) => PartialCharge | undefined;
  /** Books a partial charge where successes' costs are booked (metrics). */
  charged?: (provider: string, model: string, charge: PartialCharge) => void;
}

/**
 * Ends a call that did not succeed: a call cut after it was sent is charged its estimate (and
 * the charge booked), any other failure releases its hold. Returns the charge, if any.
 */
async function endFailed(
  tracking: CallTracking,
  provider: Provider,
  model: string | undefined,
  reservation: CallReservation,
  billed: boolean,
  outputChars: number,
): Promise<PartialCharge | undefined> {
  const priced = model ?? provider.defaultModel;
  const charge = billed ? tracking.partial?.(provider.name, priced, outputChars) : undefined;
  if (!charge) {
    await reservation.release();
    return undefined;
  }
  await reservation.settle(charge.costUsd);
  tracking.charged?.(provider.name, priced, charge);
  return charge;
}

function charged(charge: PartialCharge | undefined): Partial<RoutedAttempt> {
  return charge ? { costUsd: charge.costUsd, usage: charge.usage, usageEstimated: true } : {};
}

function failure(
  provider: string,
  model: string | undefined,
  latencyMs: number,
  error: unknown,
  signal: AbortSignal | undefined,
): RoutedAttempt {
  let kind: ErrorKind = ProviderError.isInstance(error) ? error.kind : 'unknown';
  // The executor cut the call (its timeout or the deadline): the adapter only saw an abort.
  if (
    kind === 'aborted' &&
    (signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError'
  )
    kind = 'timeout';
  const status = ProviderError.isInstance(error) ? error.status : undefined;
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  return {
    provider,
    model,
    ok: false,
    latencyMs,
    kind,
    ...(status !== undefined && { status }),
    message,
    error,
  };
}

/**
 * Wraps each candidate for one request so that every call the executor makes reserves its
 * predicted cost first (budgets and client-side rate limits, per provider actually called),
 * settles with the actual cost or releases on failure, and is recorded in `attempts`. The
 * wrapper delegates every member of the contract; names (so breakers and cool-downs) stay.
 */
export function trackCandidates(
  candidates: readonly PlanCandidate[],
  tracking: CallTracking,
): PlanCandidate[] {
  return candidates.map((candidate) => {
    if ('provider' in candidate)
      return { ...candidate, provider: track(candidate.provider, tracking) };
    return track(candidate, tracking);
  });
}

function track(provider: Provider, tracking: CallTracking): Provider {
  const { attempts, now } = tracking;
  const call = async <T>(
    model: string | undefined,
    signal: AbortSignal | undefined,
    run: () => Promise<T>,
    check: (value: unknown) => string | undefined,
    costOf: (value: T) => number | undefined,
  ): Promise<T> => {
    const started = now();
    let reservation: CallReservation | undefined;
    let sent = false;
    try {
      reservation = await tracking.reserve(provider.name, model);
      // A signal already aborted stops the call before anything reaches the vendor.
      sent = !signal?.aborted;
      const value = await run();
      // A provider outside the contract (a user's): `{}` never reaches the caller, and a cost
      // of NaN or -5 is refused rather than booked as $0.
      const problem = check(value);
      if (problem !== undefined) throw invalidResultError(provider.name, problem);
      await reservation.settle(costOf(value) ?? 0);
      attempts.push({ provider: provider.name, model, ok: true, latencyMs: now() - started });
      return value;
    } catch (error) {
      const charge =
        reservation &&
        (await endFailed(tracking, provider, model, reservation, sent && wasBilled(error), 0));
      attempts.push({
        ...failure(provider.name, model, now() - started, error, signal),
        ...charged(charge || undefined),
      });
      throw error;
    }
  };
  const embed = provider.embed;
  const healthCheck = provider.healthCheck;
  return {
    specificationVersion: provider.specificationVersion,
    name: provider.name,
    type: provider.type,
    defaultModel: provider.defaultModel,
    ...(provider.defaultEmbeddingModel !== undefined && {
      defaultEmbeddingModel: provider.defaultEmbeddingModel,
    }),
    generate: (request) =>
      call(
        request.model,
        request.signal,
        async () =>
          provider.generate(
            tracking.format ? await formatted(tracking, provider, request) : request,
          ),
        chatResultProblem,
        (r) => r.costUsd,
      ),
    stream: (request: ChatRequest) => trackStream(provider, request, tracking),
    isAvailable: () => provider.isAvailable(),
    ...(embed && {
      embed: (request: EmbedRequest) =>
        call(
          request.model,
          request.signal,
          () => embed.call(provider, request),
          embedResultProblem,
          (r) => r.costUsd,
        ),
    }),
    ...(healthCheck && {
      healthCheck: (options?: { signal?: AbortSignal }) => healthCheck.call(provider, options),
    }),
  };
}

/** The hook's request, keeping the executor's model and signal for this call. */
async function formatted<T extends ChatRequest>(
  tracking: CallTracking,
  provider: Provider,
  request: T,
): Promise<T> {
  const changed = await (tracking.format as NonNullable<CallTracking['format']>)(provider, request);
  if (tracking.sent && tracking.keyOf)
    tracking.sent.set(provider.name, {
      key: tracking.keyOf(changed, request.model),
      provider: provider.name,
      model: request.model,
    });
  return {
    ...changed,
    ...(request.model !== undefined && { model: request.model }),
    ...(request.signal !== undefined && { signal: request.signal }),
  } as T;
}

async function* trackStream(
  provider: Provider,
  request: ChatRequest,
  tracking: CallTracking,
): AsyncGenerator<StreamEvent> {
  const { attempts, now } = tracking;
  const started = now();
  let reservation: CallReservation | undefined;
  let finished = false;
  let failed: { error: unknown } | undefined;
  let outputChars = 0;
  let sent = false;
  try {
    reservation = await tracking.reserve(provider.name, request.model);
    sent = !request.signal?.aborted;
    const call = tracking.format ? await formatted(tracking, provider, request) : request;
    for await (const event of provider.stream(call)) {
      if (event.type === 'text-delta') outputChars += event.text.length;
      else if (event.type === 'tool-call-delta') outputChars += event.argsDelta.length;
      else if (event.type === 'finish') {
        const problem = finishEventProblem(event as unknown as Record<string, unknown>);
        if (problem !== undefined) throw invalidResultError(provider.name, problem);
        finished = true;
        await reservation.settle(event.costUsd ?? 0);
        attempts.push({
          provider: provider.name,
          model: request.model,
          ok: true,
          latencyMs: now() - started,
        });
      }
      yield event;
    }
  } catch (error) {
    failed = { error };
    throw error;
  } finally {
    // Not finished: cut after it was sent (a timeout, an abort, a lost hedge, a dropped
    // connection, or the consumer stopped reading: it has seen an event, so the vendor had
    // answered) is charged its estimate; any other failure releases the hold.
    if (!finished) {
      const billed = sent && (failed ? wasBilled(failed.error) : true);
      const charge =
        reservation &&
        (await endFailed(tracking, provider, request.model, reservation, billed, outputChars));
      if (failed)
        attempts.push({
          ...failure(provider.name, request.model, now() - started, failed.error, request.signal),
          ...charged(charge || undefined),
        });
    }
  }
}
