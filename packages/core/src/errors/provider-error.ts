import { type ErrorKind, isRetryableKind } from './error-kind.js';
import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.ProviderError';
const symbol = Symbol.for(marker);

/** The fields of a `ProviderError`. */
export interface ProviderErrorOptions {
  message: string;
  kind: ErrorKind;
  provider: string;
  model?: string;
  status?: number;
  /** How long the provider asked us to wait, from `retry-after(-ms)` or RetryInfo. */
  retryAfterMs?: number;
  /** Defaults from the kind (rate_limit, server, overloaded, timeout, network). */
  isRetryable?: boolean;
  /** The vendor's id for the request (`x-request-id` / `request-id`), for its support desk. */
  requestId?: string | undefined;
  cause?: unknown;
}

/** A provider call failed; `kind` says what that means. Messages are redacted of keys. */
export class ProviderError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly isRetryable: boolean;
  /** The vendor's id for the request (`x-request-id` / `request-id`), when it sent one. */
  readonly requestId: string | undefined;

  constructor(options: ProviderErrorOptions) {
    super({ name: 'ModelmuxProviderError', message: options.message, cause: options.cause });
    this.kind = options.kind;
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.isRetryable = options.isRetryable ?? isRetryableKind(options.kind);
    this.requestId = options.requestId;
  }

  static override isInstance(error: unknown): error is ProviderError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
