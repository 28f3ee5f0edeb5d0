import type { AttemptFailure } from './attempt.js';
import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.AllProvidersFailedError';
const symbol = Symbol.for(marker);

/** Every provider in the plan failed; `attempts` lists each try in order. */
export class AllProvidersFailedError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly attempts: readonly AttemptFailure[];

  constructor({ attempts, message }: { attempts: readonly AttemptFailure[]; message?: string }) {
    const lines = attempts.map(
      (a, i) =>
        `  ${i + 1}. ${a.provider}${a.model ? `/${a.model}` : ''}: ${a.kind}${a.status ? ` (${a.status})` : ''} after ${Math.round(a.latencyMs)}ms: ${a.message}`,
    );
    super({
      name: 'ModelmuxAllProvidersFailedError',
      message: message ?? `All ${attempts.length} attempt(s) failed:\n${lines.join('\n')}`,
      cause: attempts.at(-1)?.error,
    });
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is AllProvidersFailedError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
