import type { ChatRequest } from '@modelmux/core';
import type { InvokeOptions } from '../routed-llm.js';
import type { RoutedFinishEvent, RoutedResult, RoutedStreamEvent } from '../routed-result.js';
import type { HandlerFactory } from './handler-types.js';
import { readHints } from './hints.js';
import { HttpError, toHttpError } from './http-error.js';
import { readJsonBody } from './read-body.js';
import { type RequestScope, upstreamMs } from './request-scope.js';
import { assertAllowed, resolveModelId } from './resolve-model.js';
import type { StreamEncoder } from './stream-encoder.js';

/** One chat wire format (OpenAI chat completions, Anthropic Messages) as the runner needs it. */
export interface ChatFormat {
  /** Reads the body into a request; throws `HttpError`s naming the field. */
  read(body: Record<string, unknown>): {
    request: ChatRequest;
    stream: boolean;
    includeUsage: boolean;
  };
  /** The JSON answer. */
  json(result: RoutedResult): unknown;
  /** The stream writer of one answer. */
  encoder(requestId: string, model: string, includeUsage: boolean): StreamEncoder;
}

const utf8 = new TextEncoder();

/** The caller's signals (client gone, server context) and our own, as one. */
function linkedAbort(signals: readonly (AbortSignal | undefined)[]): AbortController {
  const controller = new AbortController();
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller;
}

/**
 * A chat request end to end, the same for both wire formats: body, model id and allow-list,
 * hints, then `RoutedLLM.invoke` (JSON) or `RoutedLLM.stream` (SSE, started only once the first
 * event is in, so a failure before it still gets its HTTP status).
 */
export async function runChat(
  factory: HandlerFactory,
  http: Request,
  scope: RequestScope,
  format: ChatFormat,
  maxBodyBytes: number,
): Promise<Response> {
  const body = await readJsonBody(http, maxBodyBytes);
  if (typeof body.model === 'string') scope.model = body.model;
  const target = resolveModelId(factory, body.model);
  assertAllowed(target, scope.context?.allowedModels);
  const call = format.read(body);
  const hints = readHints(http.headers, body, target, scope.context);
  scope.strategy = hints.strategy;
  scope.stream = call.stream;
  const abort = linkedAbort([scope.context?.signal, http.signal]);
  const request: ChatRequest = {
    ...call.request,
    ...(target.model !== undefined && { model: target.model }),
    ...(hints.metadata !== undefined && { metadata: hints.metadata }),
    signal: abort.signal,
  };
  const options: InvokeOptions = {
    requestId: scope.requestId,
    ...(hints.strategy !== undefined && { strategy: hints.strategy }),
  };
  const llm = factory.getProvider(target.provider);
  if (!call.stream) {
    const result = await llm.invoke(request, options);
    const overheadMs = scope.elapsed() - upstreamMs(result.attempts);
    const headers = scope.routedHeaders(result, overheadMs);
    headers.set('content-type', 'application/json');
    scope.finishAnswered(result, 200, overheadMs);
    return new Response(JSON.stringify(format.json(result)), { status: 200, headers });
  }
  const parsedMs = scope.elapsed();
  const events = llm.stream(request, options)[Symbol.asyncIterator]();
  const first = await events.next();
  if (first.done) throw truncated();
  const firstMs = scope.elapsed();
  const encoder = format.encoder(scope.requestId, target.model ?? target.id, call.includeUsage);
  const stream = sseBody(events, first, encoder, scope, abort, firstMs);
  const overheadMs = parsedMs + (scope.elapsed() - firstMs);
  const headers = scope.routedHeaders(undefined, overheadMs);
  headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-cache');
  return new Response(stream, { status: 200, headers });
}

/** What fetch rejects with when its signal aborts. */
export function abortError(): Error {
  return new DOMException('This operation was aborted', 'AbortError');
}

/** A stream that ended without its finish event (the pipeline's truncation rule). */
function truncated(): HttpError {
  return new HttpError({
    status: 502,
    type: 'upstream_error',
    code: 'stream_truncated',
    message: 'The upstream stream ended before its finish event',
    errorKind: 'truncated',
  });
}

/** The SSE body: pulled one event at a time (backpressure), ended or cut with one record. */
function sseBody(
  events: AsyncIterator<RoutedStreamEvent>,
  first: IteratorYieldResult<RoutedStreamEvent>,
  encoder: StreamEncoder,
  scope: RequestScope,
  abort: AbortController,
  ttftMs: number,
): ReadableStream<Uint8Array> {
  let finish: RoutedFinishEvent | undefined;
  let closed = false;
  const done = (
    controller: ReadableStreamDefaultController<Uint8Array>,
    tail: string,
    status: number,
    errorKind?: string,
  ) => {
    if (closed) return;
    closed = true;
    if (tail !== '') controller.enqueue(utf8.encode(tail));
    controller.close();
    report(status, errorKind);
  };
  // Once the finish event is in, the record has the routing (attempts, fallback, strategy).
  const report = (status: number, errorKind?: string) => {
    const extra = { ttftMs, ...(errorKind !== undefined && { errorKind }) };
    if (!finish) return scope.finish({ status, ...extra });
    scope.finishAnswered(finish, status, scope.elapsed() - upstreamMs(finish.attempts), extra);
  };
  const write = (event: RoutedStreamEvent): string => {
    if (event.type === 'finish') finish = event;
    return encoder.event(event);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(utf8.encode(encoder.start() + write(first.value)));
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (closed) return;
        if (next.done) {
          if (finish) return done(controller, encoder.end(), 200);
          return done(controller, encoder.error(truncated()), 502, 'truncated');
        }
        const text = write(next.value);
        if (text !== '') controller.enqueue(utf8.encode(text));
      } catch (error) {
        if (closed) return;
        if (abort.signal.aborted) {
          // The client went away (or aborted its fetch): end the body as fetch does, with an AbortError.
          closed = true;
          controller.error(abortError());
          return report(499, 'aborted');
        }
        const failure = toHttpError(error);
        done(controller, encoder.error(failure), failure.status, failure.errorKind);
      }
    },
    cancel() {
      if (closed) return;
      closed = true;
      abort.abort();
      void events.return?.()?.catch(() => undefined);
      report(499, 'aborted');
    },
  });
}
