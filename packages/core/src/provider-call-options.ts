import type { CallSignal } from './call-signal.js';
import type { Usage } from './usage.js';

/** What `runProviderGenerate` and `runProviderStream` both need: who calls, the signals, the error mapper and the price. */
export interface ProviderCallOptions {
  /** The provider instance's name (`ChatResult.provider`, `finish.provider`). */
  provider: string;
  /** The requested model: the one errors name, and the result's unless the vendor names another. */
  model: string;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  /** Our own timeout (none when undefined): over the whole call, or, for a stream, between two chunks. */
  timeoutMs?: number | undefined;
  /** Turns anything thrown into the adapter's typed error; `call` tells our timeout from the caller's abort. */
  mapError(error: unknown, call: CallSignal): Error;
  /** The cost of the call on the model the vendor named (`undefined` when the price is unknown). */
  cost(model: string, usage: Usage): number | undefined;
}
