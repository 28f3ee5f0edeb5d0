import { redactSecrets } from '../redact.js';
import { redactCause } from '../redact-cause.js';

const marker = 'modelmux.error';
const symbol = Symbol.for(marker);

/**
 * The base of every modelmux error. Check with `ModelmuxError.isInstance(e)` (or the
 * subclass's own `isInstance`) rather than `instanceof`: it works when two copies of the
 * package are installed side by side. Messages are redacted of API keys on construction, and so
 * is the whole `cause` chain (a redacted copy is kept when the raw cause holds a secret).
 */
export class ModelmuxError extends Error {
  protected readonly [symbol] = true;

  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(redactSecrets(message), cause === undefined ? undefined : { cause: redactCause(cause) });
    this.name = name;
  }

  /** True for any modelmux error, from any copy of the package. */
  static isInstance(error: unknown): error is ModelmuxError {
    return ModelmuxError.hasMarker(error, marker);
  }

  /** True when `error` carries the global marker `Symbol.for(markerName)`. */
  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      typeof (error as Record<symbol, unknown>)[markerSymbol] === 'boolean' &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
