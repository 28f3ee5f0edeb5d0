import { BudgetExceededError, ProviderError } from '@modelmux/core';
import type { Logger } from 'pino';
import type { GatewayLimits } from '../config/gateway-schema.js';
import type { HandlerContext, HandlerRecord } from '../handler-contract.js';
import { KeyLimits } from '../keys/key-limits.js';
import type { VirtualKeyRecord } from '../keys/virtual-keys.js';
import type { GatewayMetrics, RefusalReason } from '../metrics/gateway-metrics.js';
import type { Runtime } from '../runtime.js';
import { presentedKey } from './auth.js';
import { type ErrorDialect, errorResponse, type GatewayErrorCode } from './errors.js';
import { guardBody } from './guard-body.js';
import { BodyTooLargeError, readBodyText } from './read-body.js';
import { recordUsage } from './key-usage.js';

/** What the model route needs from the gateway around it. */
export interface ModelRouteDeps {
  runtime(): Runtime;
  limits(): GatewayLimits;
  requireKey(): boolean;
  isMaster(presented: string | undefined): boolean;
  metrics: GatewayMetrics;
  /** Every finished request (the dashboard's feed), without the key or the prompt. */
  onRecord(record: HandlerRecord, key: VirtualKeyRecord | undefined): void;
  lifecycle: { draining(): boolean; track(abort: AbortController): () => void };
  logger: Logger;
}

const keyRefusal = {
  missing: ['missing_key', 'missing API key: send Authorization: Bearer <virtual key>'],
  invalid: ['invalid_key', 'invalid API key'],
  expired: ['expired_key', 'this API key has expired'],
  revoked: ['revoked_key', 'this API key has been revoked'],
} as const;

function retryAfterOf(error: unknown, now: number): number | undefined {
  if (BudgetExceededError.isInstance(error) && error.resetsAt !== undefined)
    return error.resetsAt - now;
  if (ProviderError.isInstance(error)) return error.retryAfterMs;
  return undefined;
}

/**
 * Serves the model routes (`/v1/*`): checks the key, its concurrency, the body and the key's
 * budgets and rate limits, then calls the shared handler with the key's context, and settles
 * what the request spent when it finishes (stream end or cut included).
 */
export function createModelRoute(deps: ModelRouteDeps): (request: Request) => Promise<Response> {
  /** Per-key requests in flight in this gateway (one entry per key with requests running). */
  const inFlightByKey = new Map<string, number>();
  return async (request) => {
    const started = performance.now();
    const path = new URL(request.url).pathname;
    const dialect: ErrorDialect = path.endsWith('/messages') ? 'anthropic' : 'openai';
    const refuse = (
      code: GatewayErrorCode,
      reason: RefusalReason,
      message: string,
      extra: { param?: string; retryAfterMs?: number } = {},
    ) => {
      deps.metrics.refused(reason);
      return errorResponse(code, message, { dialect, ...extra });
    };
    if (deps.lifecycle.draining())
      return refuse(
        'shutting_down',
        'shutting_down',
        'the gateway is shutting down; retry on another instance',
        {
          retryAfterMs: 1000,
        },
      );
    const runtime = deps.runtime();
    const limits = deps.limits();

    // 1. Who is calling.
    const presented = presentedKey(request.headers);
    let key: VirtualKeyRecord | undefined;
    if (!deps.isMaster(presented) && (deps.requireKey() || presented !== undefined)) {
      let verdict;
      try {
        verdict = await runtime.keys.verify(presented);
      } catch {
        return refuse('store_unavailable', 'store', 'the key store is unreachable; retry shortly', {
          retryAfterMs: 1000,
        });
      }
      if (typeof verdict === 'string') {
        const [code, message] = keyRefusal[verdict];
        return refuse(code, 'auth', message);
      }
      key = verdict;
    }

    // 2. How many of this key's requests are in flight here.
    const maxConcurrency = key?.maxConcurrency ?? limits.maxConcurrentPerKey;
    const slot = key?.id;
    if (slot !== undefined) {
      const inFlight = inFlightByKey.get(slot) ?? 0;
      if (inFlight >= maxConcurrency)
        return refuse(
          'too_many_concurrent',
          'concurrency',
          `more than ${maxConcurrency} requests in flight for this key`,
          {
            retryAfterMs: 1000,
          },
        );
      inFlightByKey.set(slot, inFlight + 1);
    }
    runtime.retain();
    const abort = new AbortController();
    const untrack = deps.lifecycle.track(abort);
    deps.metrics.inFlight.inc();
    let reservation: Awaited<ReturnType<KeyLimits['reserve']>> | undefined;
    let finished = false;
    const finish = (record: HandlerRecord | undefined) => {
      if (finished) return;
      finished = true;
      if (slot !== undefined) {
        const left = (inFlightByKey.get(slot) ?? 1) - 1;
        if (left <= 0) inFlightByKey.delete(slot);
        else inFlightByKey.set(slot, left);
      }
      deps.metrics.inFlight.dec();
      untrack();
      runtime.release();
      void reservation
        ?.settle(spentBy(runtime, record))
        .catch((error: unknown) =>
          deps.logger.warn({ err: { name: (error as Error).name } }, 'key budget settle failed'),
        );
      if (record) {
        deps.metrics.record(record);
        deps.onRecord(record, key);
        if (key) recordUsage(runtime.store, key.id, record);
      }
    };

    try {
      // 3. The body: size, shape, and what the key may spend on it.
      let body: string | undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        try {
          body = await readBodyText(request, limits.maxBodyBytes);
        } catch (error) {
          finish(undefined);
          if (error instanceof BodyTooLargeError)
            return refuse('body_too_large', 'body_too_large', error.message);
          throw error;
        }
        let parsed: Record<string, unknown> | undefined;
        try {
          const value: unknown = JSON.parse(body);
          if (value && typeof value === 'object' && !Array.isArray(value))
            parsed = value as Record<string, unknown>;
        } catch {
          // The handler answers malformed JSON with its own 400; the gateway adds nothing.
        }
        if (
          parsed &&
          Array.isArray(parsed['messages']) &&
          parsed['messages'].length > limits.maxMessages
        ) {
          finish(undefined);
          return refuse(
            'too_many_messages',
            'too_many_messages',
            `messages has ${parsed['messages'].length} entries; at most ${limits.maxMessages} are allowed (gateway.limits.maxMessages)`,
            { param: 'messages' },
          );
        }
        if (key && parsed && KeyLimits.limited(key)) {
          const prediction = runtime.predictor.predict(parsed);
          const requestedMax = parsed['max_completion_tokens'] ?? parsed['max_tokens'];
          try {
            reservation = await runtime.keyLimits.reserve(key, {
              predictedCostUsd: prediction.maxUsd,
              inputTokens: prediction.inputTokens,
              outputTokens: typeof requestedMax === 'number' ? requestedMax : 0,
            });
          } catch (error) {
            finish(undefined);
            const retryAfterMs = retryAfterOf(error, Date.now());
            if (BudgetExceededError.isInstance(error) && error.scope === 'store')
              return refuse(
                'store_unavailable',
                'store',
                'the budget store is unreachable; retry shortly',
                {
                  retryAfterMs: 1000,
                },
              );
            if (BudgetExceededError.isInstance(error))
              return refuse(
                'budget_exceeded',
                'budget',
                `this key's ${error.period ?? 'daily'} budget of $${error.limitUsd} is spent`,
                {
                  ...(retryAfterMs !== undefined && { retryAfterMs }),
                },
              );
            if (ProviderError.isInstance(error) && error.kind === 'rate_limit')
              return refuse('rate_limited', 'rate_limit', "this key's rate limit is reached", {
                ...(retryAfterMs !== undefined && { retryAfterMs }),
              });
            throw error;
          }
        }
      }

      // 4. The shared handler, with the key's context.
      const clientSignal = request.signal;
      const onClientAbort = () => abort.abort(clientSignal.reason);
      if (clientSignal.aborted) onClientAbort();
      else clientSignal.addEventListener('abort', onClientAbort, { once: true });
      const context: HandlerContext = { signal: abort.signal, onFinish: finish };
      if (key) {
        const hints: NonNullable<HandlerContext['hints']> = { tags: [`key:${key.id}`] };
        if (key.metadata) hints.metadata = key.metadata;
        context.hints = hints;
        if (key.models) context.allowedModels = key.models;
      }
      const forward = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        ...(body !== undefined && { body }),
      });
      const gatewayMs = performance.now() - started;
      const response = await withDeadline(
        runtime.handler(forward, context),
        limits.requestTimeoutMs,
        () => {
          abort.abort(new Error('request timeout'));
          deps.metrics.refused('timeout');
          return errorResponse(
            'timeout',
            `no answer within ${limits.requestTimeoutMs}ms (gateway.limits.requestTimeoutMs)`,
            { dialect },
          );
        },
      );
      return decorate(response, gatewayMs, limits.streamIdleTimeoutMs, abort, finish);
    } catch (error) {
      finish(undefined);
      deps.logger.error({ err: { name: (error as Error).name } }, 'model route failed');
      return errorResponse('internal', 'the gateway could not serve this request', { dialect });
    }
  };
}

/** What a finished request cost: the handler's figure, else priced from its usage (a cut stream), else 0. */
function spentBy(runtime: Runtime, record: HandlerRecord | undefined): number {
  if (record?.costUsd !== undefined) return record.costUsd;
  if (!record?.usage || !record.provider) return 0;
  try {
    return runtime.factory.getRequestCost(record.provider, record.usage, record.providerModel) ?? 0;
  } catch {
    return 0;
  }
}

function withDeadline(
  work: Promise<Response>,
  ms: number,
  onTimeout: () => Response,
): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Response>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Adds the gateway's time to the overhead header and guards a streamed body. */
function decorate(
  response: Response,
  gatewayMs: number,
  idleMs: number,
  abort: AbortController,
  finish: (record: HandlerRecord | undefined) => void,
): Response {
  const handlerMs = Number(response.headers.get('x-modelmux-overhead-ms') ?? 0);
  const overhead = (handlerMs + gatewayMs).toFixed(3);
  const stream = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  if (!response.body || !stream) {
    // Not a stream: the handler calls onFinish with its record; free the slot if it did not.
    setImmediate(() => finish(undefined));
    const headers = new Headers(response.headers);
    headers.set('x-modelmux-overhead-ms', overhead);
    return new Response(response.body, { status: response.status, headers });
  }
  const headers = new Headers(response.headers);
  headers.set('x-modelmux-overhead-ms', overhead);
  const body = guardBody(response.body, {
    idleMs,
    onIdle: () => abort.abort(new Error('stream idle timeout')),
    done: () => setImmediate(() => finish(undefined)),
  });
  return new Response(body, { status: response.status, headers });
}
