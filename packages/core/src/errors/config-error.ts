import { ModelmuxError } from './modelmux-error.js';

const marker = 'modelmux.error.ConfigError';
const symbol = Symbol.for(marker);

/** One problem in a configuration: where it is and what was expected. */
export interface ConfigIssue {
  /** Dotted path, e.g. `providers.openai.maxTokens` or `fallbackProviders.1`. */
  path: string;
  message: string;
}

/** A configuration (or provider registration) is invalid; `issues` names each path. */
export class ConfigError extends ModelmuxError {
  protected readonly [symbol] = true;
  readonly issues: readonly ConfigIssue[];

  constructor({ issues, message }: { issues: readonly ConfigIssue[]; message?: string }) {
    super({
      name: 'ModelmuxConfigError',
      message:
        message ??
        `Invalid configuration:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
    });
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ConfigError {
    return ModelmuxError.hasMarker(error, marker);
  }
}
