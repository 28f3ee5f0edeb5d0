import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.InvalidRequestError';
const symbol = Symbol.for(marker);

/** A request was rejected before any provider was called; `field` names the culprit. */
export class InvalidRequestError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly field: string;

  constructor({ field, message }: { field: string; message: string }) {
    super({
      name: 'ModelmuxInvalidRequestError',
      message: `Invalid request field "${field}": ${message}`,
    });
    this.field = field;
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
