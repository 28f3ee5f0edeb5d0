import type { ChatResult, FinishReason, ResponseFormat } from './chat.js';
import { createCallSignal } from './call-signal.js';
import type { ToolCall } from './messages.js';
import type { ProviderCallOptions } from './provider-call-options.js';
import { parseStructuredOutput } from './structured-output.js';
import type { Usage } from './usage.js';

/** What an adapter reads from its vendor's whole answer. */
export interface ProviderResponse {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The model the vendor names in its answer, if any (default: the requested model). */
  model?: string | null | undefined;
  /** The vendor's own response (`ChatResult.raw`). */
  raw: unknown;
}

/** One whole-answer call as `runProviderGenerate` runs it (`timeoutMs` covers the whole call). */
export interface RunProviderGenerateOptions<T> extends ProviderCallOptions {
  /** The request's response format: the JSON it asks for is parsed into `object`. */
  responseFormat?: ResponseFormat<T> | undefined;
  /** Builds the request, calls the vendor with `signal` (the caller's, combined with the timeout) and reads its answer. */
  send(signal: AbortSignal): Promise<ProviderResponse>;
}

/**
 * Runs one whole-answer provider call as a `ChatResult`: the skeleton every adapter shares
 * around its SDK. It times the call out after `timeoutMs`, parses (and with a zod schema,
 * validates) the JSON a `{ type: 'json' }` request asked for when the answer finished with `stop`
 * or `length` (kind `quality` when it does not parse), measures the latency, prices the usage on
 * the model the vendor named, and passes everything thrown through `mapError`.
 *
 * @example
 * ```ts
 * generate<T>(request: ChatRequest<T>) {
 *   const model = request.model ?? this.defaultModel;
 *   return runProviderGenerate({
 *     provider: this.name, model, signal: request.signal, timeoutMs: this.timeoutMs, responseFormat: request.responseFormat,
 *     send: async (signal) => readAcmeAnswer(await sdk.create(toAcmeBody(request), { signal })),
 *     mapError: (error, call) => mapAcmeError(error, { provider: this.name, model, call }),
 *     cost: (m, usage) => estimateCost(m, usage),
 *   });
 * }
 * ```
 */
export async function runProviderGenerate<T>(
  options: RunProviderGenerateOptions<T>,
): Promise<ChatResult<T>> {
  const { provider } = options;
  const started = performance.now();
  const call = createCallSignal(options.signal, options.timeoutMs);
  try {
    const { model: named, raw, ...answer } = await options.send(call.signal);
    const model = named || options.model;
    const parseJson = answer.finishReason === 'stop' || answer.finishReason === 'length';
    const object = parseJson
      ? parseStructuredOutput<T>(answer.text, options.responseFormat, { provider, model })
      : undefined;
    return {
      ...answer,
      ...(object !== undefined ? { object } : {}),
      provider,
      model,
      latencyMs: performance.now() - started,
      costUsd: options.cost(model, answer.usage),
      raw,
    };
  } catch (error) {
    throw options.mapError(error, call);
  } finally {
    call.dispose();
  }
}
