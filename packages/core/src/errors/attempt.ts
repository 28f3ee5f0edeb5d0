import type { ErrorKind } from './error-kind.js';

/** One failed attempt, as listed by `AllProvidersFailedError`. */
export interface AttemptFailure {
  provider: string;
  model: string | undefined;
  kind: ErrorKind;
  status: number | undefined;
  latencyMs: number;
  /** The redacted error message. */
  message: string;
  error: unknown;
}
