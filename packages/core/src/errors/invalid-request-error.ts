import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.InvalidRequestError';
const symbol = Symbol.for(marker);

/**
 * A request was rejected before any provider was called; `field` names the culprit. It is the
 * caller's error (`kind: 'bad_request'`, never retried, never counted against a provider's health).
 */
export class InvalidRequestError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly field: string;
  /** Always `bad_request`: the same kind a vendor's 400 gets, so error tables can read one field. */
  readonly kind = 'bad_request' as const;
  readonly isRetryable = false;

  constructor({ field, message, cause }: { field: string; message: string; cause?: unknown }) {
    super({
      name: 'ModelmuxInvalidRequestError',
      message: `Invalid request field "${field}": ${message}`,
      cause,
    });
    this.field = field;
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
