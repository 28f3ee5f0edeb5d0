import type { FakeProviders } from '@modelmux/testing';
import type { ProviderFactory, RoutedAttempt, RoutedResult } from 'modelmux';
import { errorName, formatRequestLine, type RequestRecord } from './request-line.js';

/** Where the tour writes its lines (stdout by default; the test collects them). */
export type Print = (line: string) => void;

/**
 * The tour's clock: real time plus a skew the drill can add to, so a 20 s cool-down passes at
 * once while latencies stay real. Every part of the factory reads it (`ProviderFactoryOptions.now`).
 */
export interface SkewClock {
  now: () => number;
  /** Moves the clock forward by `ms` (nothing sleeps). */
  advance: (ms: number) => void;
}

/** A clock `ms` ahead of `Date.now()` after each `advance(ms)`. */
export function skewClock(): SkewClock {
  let skew = 0;
  return { now: () => Date.now() + skew, advance: (ms) => void (skew += ms) };
}

/** What every section of the tour shares. */
export interface TourContext {
  factory: ProviderFactory;
  /** The in-process fakes (offline mode only). */
  fake: FakeProviders | undefined;
  print: Print;
  clock: SkewClock;
  /** Every request printed so far, in order. */
  records: RequestRecord[];
  /** Prints one request line and keeps it. */
  record(record: Omit<RequestRecord, 'n'>): RequestRecord;
  /**
   * Runs one routed call and prints its line; a failure (a budget refusal, every provider
   * failing) is printed as a refusal and returned, never thrown.
   */
  request<T>(
    call: () => Promise<RoutedResult<T>>,
    note?: (result: RoutedResult<T>) => string | undefined,
  ): Promise<RoutedResult<T> | Error>;
}

/** `openai ✗ rate_limit 429` for each failed call before the answer. */
export function failedAttempts(attempts: readonly RoutedAttempt[]): string[] {
  return attempts
    .filter((a) => !a.ok)
    .map(
      (a) => `${a.provider} ✗ ${a.kind ?? 'error'}${a.status !== undefined ? ` ${a.status}` : ''}`,
    );
}

/** Builds the context: request numbering, printing, and the refusal line. */
export function tourContext(
  options: Omit<TourContext, 'records' | 'record' | 'request'>,
): TourContext {
  const records: RequestRecord[] = [];
  const record = (r: Omit<RequestRecord, 'n'>): RequestRecord => {
    const full = { n: records.length + 1, ...r };
    records.push(full);
    options.print(formatRequestLine(full));
    return full;
  };
  return {
    ...options,
    records,
    record,
    async request(call, note) {
      const started = performance.now();
      try {
        const result = await call();
        const why = note?.(result);
        record({
          ...(why !== undefined && { note: why }),
          provider: result.provider,
          model: result.model,
          routedBy: result.cached ? `${result.strategy} (cached)` : result.strategy,
          latencyMs: Math.round(result.latencyMs),
          tokens: result.usage.totalTokens,
          costUsd: result.costUsd,
          fallbacks: failedAttempts(result.attempts),
        });
        return result;
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        record({
          provider: '-',
          model: '-',
          routedBy: '-',
          latencyMs: Math.round(performance.now() - started),
          tokens: undefined,
          costUsd: undefined,
          fallbacks: [],
          error: `${errorName(failure)}: ${failure.message.split('\n')[0]}`,
        });
        return failure;
      }
    },
  };
}
