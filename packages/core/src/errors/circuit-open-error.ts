import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.CircuitOpenError';
const symbol = Symbol.for(marker);

/** The provider's circuit breaker is open: the call was not made. */
export class CircuitOpenError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly provider: string;
  /** Roughly when the breaker will let a probe through. */
  readonly retryAfterMs: number | undefined;

  constructor({ provider, retryAfterMs }: { provider: string; retryAfterMs?: number }) {
    super({
      name: 'ModelmuxCircuitOpenError',
      message: `The circuit breaker for "${provider}" is open; the call was not made`,
    });
    this.provider = provider;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is CircuitOpenError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
