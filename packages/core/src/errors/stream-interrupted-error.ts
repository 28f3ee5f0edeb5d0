import type { Usage } from '../usage.js';
import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.StreamInterruptedError';
const symbol = Symbol.for(marker);

/**
 * A stream failed after it had emitted events, so it could not fall back without the caller
 * seeing two half answers. Carries what had arrived; `cause` is the underlying error.
 */
export class StreamInterruptedError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly provider: string;
  readonly model: string | undefined;
  readonly partialText: string;
  readonly usage: Usage | undefined;

  constructor(options: {
    provider: string;
    model?: string;
    partialText: string;
    usage?: Usage;
    cause?: unknown;
  }) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super({
      name: 'ModelmuxStreamInterruptedError',
      message: `The stream from "${options.provider}" failed after ${options.partialText.length} characters${reason}`,
      cause: options.cause,
    });
    this.provider = options.provider;
    this.model = options.model;
    this.partialText = options.partialText;
    this.usage = options.usage;
  }

  static override isInstance(error: unknown): error is StreamInterruptedError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
