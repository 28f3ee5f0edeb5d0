import type { ChatResult, FinishReason, ResponseFormat } from './chat.js';
import { createCallSignal } from './call-signal.js';
import { ProviderError } from './errors/provider-error.js';
import type { ToolCall } from './messages.js';
import type { ChatRequest } from './chat.js';
import { buildProviderBody, prepareProviderCall } from './prepare-provider-call.js';
import type { ProviderCallSettings } from './provider-call-options.js';
import { parseStructuredOutput } from './structured-output.js';
import type { Usage } from './usage.js';
import type { RateLimitInfo } from './engine/rate-limit-info.js';

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
  /** True when the vendor sent no usage and `usage` is an estimate (`ChatResult.usageEstimated`). */
  usageEstimated?: boolean | undefined;
  /** The vendor's remaining quota read from the response headers (`ChatResult.rateLimit`). */
  rateLimit?: RateLimitInfo | undefined;
}

/** One whole-answer call as `runProviderGenerate` runs it (`timeoutMs` covers the whole call). */
export interface RunProviderGenerateOptions<T, B = undefined> extends ProviderCallSettings {
  /** The response format whose JSON is parsed into `object`. Default: the validated request's. */
  responseFormat?: ResponseFormat<T> | undefined;
  /**
   * Builds the vendor's request body from the validated request, before any wire call. Anything
   * it throws rejects as `InvalidRequestError` (the caller's error), never through `mapError`.
   */
  build?(request: ChatRequest<T>, model: string): B;
  /** Calls the vendor with `signal` (the caller's, combined with the timeout) and the built body, and reads its answer. */
  send(signal: AbortSignal, body: B, request: ChatRequest<T>): Promise<ProviderResponse>;
}

/**
 * Runs one whole-answer provider call as a `ChatResult`: the skeleton every adapter shares
 * around its SDK. It validates `request` first (a bad one rejects with `InvalidRequestError`;
 * this function never throws synchronously), builds the body (`build`; a failure there is the
 * caller's `InvalidRequestError`, never a wire failure), times the call out after `timeoutMs`, parses (and with a zod schema,
 * validates) the JSON a `{ type: 'json' }` request asked for when the answer finished with `stop`
 * or `length` (kind `quality` when it does not parse), measures the latency, prices the usage on
 * the model the vendor named, and passes everything `send` throws through `mapError`.
 *
 * @example
 * ```ts
 * generate<T>(request: ChatRequest<T>) {
 *   return runProviderGenerate({
 *     provider: this.name, request, defaultModel: this.defaultModel, timeoutMs: this.timeoutMs,
 *     build: (req, model) => toAcmeBody(req, model),
 *     send: async (signal, body) => readAcmeAnswer(await sdk.create(body, { signal })),
 *     mapError: (error, call, { model }) => mapAcmeError(error, { provider: this.name, model, call }),
 *     cost: (m, usage) => estimateCost(m, usage),
 *   });
 * }
 * ```
 */
export async function runProviderGenerate<T, B = undefined>(
  options: RunProviderGenerateOptions<T, B>,
): Promise<ChatResult<T>> {
  const { provider } = options;
  const started = performance.now();
  // Validation and the body come first: a request we cannot build is the caller's error.
  const { request, model: requested, signal } = prepareProviderCall<T>(options);
  const { build } = options;
  const body = build
    ? buildProviderBody(provider, requested, () => build(request, requested))
    : (undefined as B);
  const responseFormat = options.responseFormat ?? request?.responseFormat;
  const call = createCallSignal(signal, options.timeoutMs);
  try {
    const { model: named, raw, ...answer } = await options.send(call.signal, body, request);
    const model = named || requested;
    const parseJson = answer.finishReason === 'stop' || answer.finishReason === 'length';
    const object = parseJson
      ? parseStructuredOutput<T>(answer.text, responseFormat, { provider, model })
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
    // Our own verdict on the answer (JSON that does not parse or match) is already typed.
    if (ProviderError.isInstance(error) && error.kind === 'quality') throw error;
    throw options.mapError(error, call, { provider, model: requested });
  } finally {
    call.dispose();
  }
}
