import { vi } from 'vitest';

/**
 * Settles a request while vitest's fake clock moves from timer to timer (backoffs, cool-downs,
 * the alert interval). An instant answer settles first, before any timer moves the clock.
 */
export async function run(promise: Promise<unknown>): Promise<void> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20 && !done; i++) await Promise.resolve();
  while (!done) await vi.advanceTimersToNextTimerAsync();
}
