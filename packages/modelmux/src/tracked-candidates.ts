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
} from '@modelmux/core';

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
    try {
      reservation = await tracking.reserve(provider.name, model);
      const value = await run();
      // A provider outside the contract (a user's): `{}` never reaches the caller, and a cost
      // of NaN or -5 is refused rather than booked as $0.
      const problem = check(value);
      if (problem !== undefined) throw invalidResultError(provider.name, problem);
      await reservation.settle(costOf(value) ?? 0);
      attempts.push({ provider: provider.name, model, ok: true, latencyMs: now() - started });
      return value;
    } catch (error) {
      await reservation?.release();
      attempts.push(failure(provider.name, model, now() - started, error, signal));
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
  try {
    reservation = await tracking.reserve(provider.name, request.model);
    const sent = tracking.format ? await formatted(tracking, provider, request) : request;
    for await (const event of provider.stream(sent)) {
      if (event.type === 'finish') {
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
    attempts.push(failure(provider.name, request.model, now() - started, error, request.signal));
    throw error;
  } finally {
    // Failed, cut or abandoned before `finish`: release the hold (nothing known to be spent).
    if (!finished) await reservation?.release();
  }
}
