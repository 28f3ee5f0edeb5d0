import type { CallSignal } from './call-signal.js';
import type { Usage } from './usage.js';

/** Who a failing call was for: passed to `mapError` (the model is known only after validation). */
export interface ProviderCallContext {
  provider: string;
  /** The requested model (the request's, else the provider's default). */
  model: string;
}

/** What `runProviderGenerate` and `runProviderStream` both need: who calls, the request, the signals, the error mapper and the price. */
export interface ProviderCallOptions {
  /** The provider instance's name (`ChatResult.provider`, `finish.provider`). */
  provider: string;
  /**
   * The caller's request, exactly as received (a prompt string, messages or a `ChatRequest`):
   * the skeleton validates and normalises it (`toChatRequest`) before anything else, so a bad
   * request rejects with `InvalidRequestError` and never throws synchronously. Pass it; without
   * it nothing is validated and `build`/`send` receive no request (the older form).
   */
  request?: unknown;
  /** The requested model. Default: the validated `request.model`, else `defaultModel`. */
  model?: string | undefined;
  /** The provider's default model, used when the request names none. */
  defaultModel?: string | undefined;
  /** The caller's signal. Default: the validated `request.signal`. */
  signal?: AbortSignal | undefined;
  /** Our own timeout (none when undefined): over the whole call, or, for a stream, between two chunks. */
  timeoutMs?: number | undefined;
  /** Turns anything thrown by the wire call into the adapter's typed error; `call` tells our timeout from the caller's abort. */
  mapError(error: unknown, call: CallSignal, context: ProviderCallContext): Error;
  /** The cost of the call on the model the vendor named (`undefined` when the price is unknown). */
  cost(model: string, usage: Usage): number | undefined;
  /**
   * Runs before any wire call with the requested model; throws (a `ConfigError`) to refuse it,
   * e.g. core's `assertPriceKnown` for `unknownPrice: 'refuse'`.
   */
  checkPrice?: ((model: string) => void) | undefined;
}

/** The same as `ProviderCallOptions` (the name `runProviderGenerate`/`runProviderStream` extend). */
export type ProviderCallSettings = ProviderCallOptions;
