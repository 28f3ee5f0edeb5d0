import { ModelmuxError } from '@modelmux/core';

const marker = 'modelmux.error.AdapterNotInstalledError';
const symbol = Symbol.for(marker);

/**
 * A configured provider's adapter package is not installed. The message says what to run:
 * `npm install @modelmux/<type>`. Thrown when the provider is first needed, before any call.
 */
export class AdapterNotInstalledError extends ModelmuxError {
  protected readonly [symbol] = true;
  /** The provider instance that needs the package (`openai`, `ollama`). */
  readonly provider: string;
  /** The package to install (`@modelmux/openai`). */
  readonly packageName: string;

  constructor({
    provider,
    packageName,
    cause,
    subject,
  }: {
    provider: string;
    packageName: string;
    cause?: unknown;
    /** What needs it, for the message (default `Provider "<provider>"`). */
    subject?: string;
  }) {
    super({
      name: 'ModelmuxAdapterNotInstalledError',
      message: `${subject ?? `Provider "${provider}"`} needs the ${packageName} package, which is not installed: npm install ${packageName}`,
      cause,
    });
    this.provider = provider;
    this.packageName = packageName;
  }

  static override isInstance(error: unknown): error is AdapterNotInstalledError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
