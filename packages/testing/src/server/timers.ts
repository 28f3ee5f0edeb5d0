/** The real timer functions, captured when this module loads (before any test installs fake timers). */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

/** Timers the server waits with. */
export interface ServerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The timers of a fake server: the real ones captured at load (default), so a test's
 * `vi.useFakeTimers()` never freezes the server, or the global ones read at call time, so
 * fake timers control server delays too.
 */
export function serverTimers(useGlobal: boolean): ServerTimers {
  if (useGlobal) {
    return {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }
  return {
    setTimeout: (fn, ms) => realSetTimeout(fn, ms),
    clearTimeout: (handle) => realClearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** Runs `fn` after `ms` on the real timers, whatever timers the test installed. */
export function afterRealDelay(ms: number, fn: () => void): void {
  realSetTimeout(fn, ms);
}
