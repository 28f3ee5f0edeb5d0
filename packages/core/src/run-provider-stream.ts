import type { ChatRequest, FinishReason, ResponseFormat } from './chat.js';
import { buildProviderBody, prepareProviderCall } from './prepare-provider-call.js';
import { parseStructuredOutput } from './structured-output.js';
import { createCallSignal } from './call-signal.js';
import { ProviderError } from './errors/provider-error.js';
import type { ProviderCallSettings } from './provider-call-options.js';
import type { StreamEvent } from './stream.js';
import type { Usage } from './usage.js';
import type { RateLimitInfo } from './engine/rate-limit-info.js';

/** How a stream ended, as the adapter's mapper read it from the vendor's last chunks. */
export interface ProviderStreamEnd {
  finishReason: FinishReason;
  usage: Usage;
  /** Events only the end completes (e.g. tool calls whose arguments had no end marker), yielded before `finish`. */
  events?: readonly StreamEvent[] | undefined;
  /** True when the vendor sent no usage and `usage` is an estimate (`finish.usageEstimated`). */
  usageEstimated?: boolean | undefined;
  /** The vendor's remaining quota read from the response headers (`finish.rateLimit`). */
  rateLimit?: RateLimitInfo | undefined;
}

/** Turns one vendor's stream chunks into modelmux events; an adapter writes one per wire format. */
export interface ProviderStreamMapper<TChunk> {
  /** Maps one chunk to zero or more events; throws a typed error for a chunk that carries one (or is malformed). */
  push(chunk: TChunk): readonly StreamEvent[];
  /** After the last chunk: how the stream ended, or `undefined` when its final chunk never came (truncated). */
  end(): ProviderStreamEnd | undefined;
}

/** What `open` returns: the vendor's chunks and the mapper that reads them. */
export interface ProviderStreamSource<TChunk> {
  chunks: AsyncIterable<TChunk>;
  mapper: ProviderStreamMapper<TChunk>;
}

/** One streamed call as `runProviderStream` runs it (`timeoutMs` is an idle timeout: the longest wait for the response, then between two chunks). */
export interface RunProviderStreamOptions<TChunk, B = undefined> extends ProviderCallSettings {
  /** The response format whose JSON is parsed into `finish.object`. Default: the validated request's. */
  responseFormat?: ResponseFormat | undefined;
  /**
   * Builds the vendor's request body from the validated request, before any wire call. Anything
   * it throws is the caller's `InvalidRequestError`, never passed through `mapError`.
   */
  build?(request: ChatRequest, model: string): B;
  /** Opens the vendor stream with `signal` (the caller's, combined with the timeout) and the built body. */
  open(signal: AbortSignal, body: B, request: ChatRequest): Promise<ProviderStreamSource<TChunk>>;
  /** The model a chunk names, if any; the last one named is `finish.model` (default: the requested model). */
  modelOf?(chunk: TChunk): string | null | undefined;
  /** The message of the `network` error thrown when the chunks stop but `mapper.end()` is undefined. */
  truncatedMessage(model: string): string;
}

/**
 * Runs one streamed provider call as modelmux events: the skeleton every adapter shares around
 * its SDK. On the first `next()` it validates `request` (`InvalidRequestError`; nothing throws
 * before that) and builds the body (`build`; a failure is the caller's error). The request (and the timeout) starts on the first `next()`; each chunk re-arms the
 * idle timeout; chunks still buffered after an abort are not yielded; a stream the SDK ends
 * quietly after an abort, or one that stops before its final chunk, throws (a cut answer is
 * never passed off as whole); everything thrown goes through `mapError`; the last event is
 * `finish` with the cost; a consumer that stops early (`break`, `return()`) aborts the request.
 *
 * @example
 * ```ts
 * stream(request: ChatRequest) {
 *   return runProviderStream({
 *     provider: this.name, request, defaultModel: this.defaultModel, timeoutMs: this.timeoutMs,
 *     build: (req, model) => toAcmeBody(req, model),
 *     open: async (signal, body) => ({ chunks: await sdk.stream(body, { signal }), mapper: new AcmeStreamMapper() }),
 *     mapError: (error, call, { model }) => mapAcmeError(error, { provider: this.name, model, call }),
 *     cost: (m, usage) => estimateCost(m, usage),
 *     truncatedMessage: () => 'Acme network: the stream ended before its done event (truncated)',
 *   });
 * }
 * ```
 */
export async function* runProviderStream<TChunk, B = undefined>(
  options: RunProviderStreamOptions<TChunk, B>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider } = options;
  // Runs on the first next(): validation and the body come before any wire call.
  const { request, model, signal } = prepareProviderCall(options);
  const { build } = options;
  const body = build
    ? buildProviderBody(provider, model, () => build(request, model))
    : (undefined as B);
  const responseFormat = options.responseFormat ?? request?.responseFormat;
  // Only a JSON request pays for keeping the text.
  const wantsObject = responseFormat?.type === 'json';
  let text = '';
  const call = createCallSignal(signal, options.timeoutMs);
  let finished = false;
  try {
    const { chunks, mapper } = await options.open(call.signal, body, request);
    let resultModel = model;
    for await (const chunk of chunks) {
      // Buffered chunks can still arrive after an abort: stop at once instead of yielding them.
      if (call.signal.aborted) throw call.signal.reason;
      call.touch();
      const events = mapper.push(chunk);
      resultModel = options.modelOf?.(chunk) || resultModel;
      if (wantsObject) for (const e of events) if (e.type === 'text-delta') text += e.text;
      yield* events;
    }
    // The SDKs end a stream quietly when its signal aborts: say why (timeout or caller).
    if (call.signal.aborted) throw call.signal.reason;
    const end = mapper.end();
    if (!end)
      throw new ProviderError({
        kind: 'network',
        provider,
        model,
        message: options.truncatedMessage(resultModel),
      });
    // The vendor's stream is read to its end: from here on, nothing is left to abort or time out.
    finished = true;
    call.dispose();
    const tail = end.events ?? [];
    if (wantsObject) for (const e of tail) if (e.type === 'text-delta') text += e.text;
    // The same rule as generate: parse (and validate) the JSON of an answer that ended normally.
    const object =
      wantsObject && (end.finishReason === 'stop' || end.finishReason === 'length')
        ? parseStructuredOutput(text, responseFormat, { provider, model: resultModel })
        : undefined;
    yield* tail;
    yield {
      type: 'finish',
      finishReason: end.finishReason,
      usage: end.usage,
      provider,
      model: resultModel,
      costUsd: options.cost(resultModel, end.usage),
      ...(object !== undefined ? { object } : {}),
      ...(end.usageEstimated ? { usageEstimated: true } : {}),
      ...(end.rateLimit ? { rateLimit: end.rateLimit } : {}),
    };
  } catch (error) {
    // Our own verdict on the answer (JSON that does not parse or match) is already typed.
    if (ProviderError.isInstance(error) && error.kind === 'quality') throw error;
    throw options.mapError(error, call, { provider, model });
  } finally {
    if (!finished) call.abort();
    call.dispose();
  }
}
