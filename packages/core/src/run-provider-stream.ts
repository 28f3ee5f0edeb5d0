import type { FinishReason } from './chat.js';
import { createCallSignal } from './call-signal.js';
import { ProviderError } from './errors/provider-error.js';
import type { ProviderCallOptions } from './provider-call-options.js';
import type { StreamEvent } from './stream.js';
import type { Usage } from './usage.js';

/** How a stream ended, as the adapter's mapper read it from the vendor's last chunks. */
export interface ProviderStreamEnd {
  finishReason: FinishReason;
  usage: Usage;
  /** Events only the end completes (e.g. tool calls whose arguments had no end marker), yielded before `finish`. */
  events?: readonly StreamEvent[] | undefined;
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
export interface RunProviderStreamOptions<TChunk> extends ProviderCallOptions {
  /** Builds the request and opens the vendor stream with `signal` (the caller's, combined with the timeout). */
  open(signal: AbortSignal): Promise<ProviderStreamSource<TChunk>>;
  /** The model a chunk names, if any; the last one named is `finish.model` (default: the requested model). */
  modelOf?(chunk: TChunk): string | null | undefined;
  /** The message of the `network` error thrown when the chunks stop but `mapper.end()` is undefined. */
  truncatedMessage(model: string): string;
}

/**
 * Runs one streamed provider call as modelmux events: the skeleton every adapter shares around
 * its SDK. The request (and the timeout) starts on the first `next()`; each chunk re-arms the
 * idle timeout; chunks still buffered after an abort are not yielded; a stream the SDK ends
 * quietly after an abort, or one that stops before its final chunk, throws (a cut answer is
 * never passed off as whole); everything thrown goes through `mapError`; the last event is
 * `finish` with the cost; a consumer that stops early (`break`, `return()`) aborts the request.
 *
 * @example
 * ```ts
 * stream(request: ChatRequest) {
 *   return runProviderStream({
 *     provider: this.name, model, signal: request.signal, timeoutMs: this.timeoutMs,
 *     open: async (signal) => ({ chunks: await sdk.stream(body, { signal }), mapper: new AcmeStreamMapper() }),
 *     mapError: (error, call) => mapAcmeError(error, { provider: this.name, model, call }),
 *     cost: (m, usage) => estimateCost(m, usage),
 *     truncatedMessage: () => 'Acme network: the stream ended before its done event (truncated)',
 *   });
 * }
 * ```
 */
export async function* runProviderStream<TChunk>(
  options: RunProviderStreamOptions<TChunk>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider, model } = options;
  const call = createCallSignal(options.signal, options.timeoutMs);
  let finished = false;
  try {
    const { chunks, mapper } = await options.open(call.signal);
    let resultModel = model;
    for await (const chunk of chunks) {
      // Buffered chunks can still arrive after an abort: stop at once instead of yielding them.
      if (call.signal.aborted) throw call.signal.reason;
      call.touch();
      const events = mapper.push(chunk);
      resultModel = options.modelOf?.(chunk) || resultModel;
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
    yield* end.events ?? [];
    yield {
      type: 'finish',
      finishReason: end.finishReason,
      usage: end.usage,
      provider,
      model: resultModel,
      costUsd: options.cost(resultModel, end.usage),
    };
  } catch (error) {
    throw options.mapError(error, call);
  } finally {
    if (!finished) call.abort();
    call.dispose();
  }
}
