import type { Env, Store } from '@modelmux/core';
import type { Logger } from 'pino';
import type { ImportPackage } from './adapters/built-in-adapters.js';

/** Settings of the factory that are not part of the config (objects, clocks, test seams). */
export interface ProviderFactoryOptions {
  /** A pino logger for the user's design's log lines; nothing is logged without one. */
  logger?: Logger;
  /** The shared state (budgets, cool-downs, cache with `shared: true`); default: from `config.store`, else in memory. */
  store?: Store;
  /** Seed of the router's random numbers (adaptive, weighted, experiments' tie-breaks). */
  seed?: number;
  /** The clock, epoch ms (default `Date.now`); every part of the stack reads it. */
  now?: () => number;
  /** Where adapters read env fallbacks (default `process.env`). */
  env?: Env;
  /**
   * How adapter packages are imported (default: `import()`). For bundlers that need static
   * imports, and for tests that simulate a package that is not installed.
   */
  importPackage?: ImportPackage;
  /** Retry backoff settings passed to the executor (tests shorten them). */
  backoff?: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number };
  /**
   * Hedged requests (default off): start the next candidate when the first is slow; the losing
   * call is cut and, once sent, charged its estimate like any cut call.
   */
  hedge?: import('@modelmux/resilience').HedgeOptions;
  /** Circuit breaker settings, or `false` for none (default: resilience's). */
  breaker?: import('@modelmux/resilience').BreakerSettings | false;
  /** Active health checks every this many ms (opt-in; default off). */
  healthCheckIntervalMs?: number;
  /**
   * The `fetch` every built-in adapter the factory creates from settings sends through, unless
   * its entry sets `options.fetch`. Default: `sharedPooledFetch()` from `@modelmux/transport`
   * (one process-wide pool of keep-alive sockets per origin, shared with other factories; the
   * factory's `close()` leaves it open). `false`: each SDK's own default fetch. Provider
   * instances you pass are used as they are.
   */
  fetch?: typeof globalThis.fetch | false;
}
