import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.NoProviderAvailableError';
const symbol = Symbol.for(marker);

/** Why one provider was left out of a plan. */
export interface ExcludedProvider {
  provider: string;
  reason: string;
}

/** No configured provider could take the request; `excluded` says why each was left out. */
export class NoProviderAvailableError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly excluded: readonly ExcludedProvider[];

  constructor({ excluded, message }: { excluded: readonly ExcludedProvider[]; message?: string }) {
    super({
      name: 'ModelmuxNoProviderAvailableError',
      message:
        message ??
        (excluded.length === 0
          ? 'No provider is configured'
          : `No provider can take this request:\n${excluded.map((e) => `  - ${e.provider}: ${e.reason}`).join('\n')}`),
    });
    this.excluded = excluded;
  }

  static override isInstance(error: unknown): error is NoProviderAvailableError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
