import { ProviderError, type StreamEvent } from '@modelmux/core';

/** Reads a stream to its end and returns every event; a failure is thrown as is. */
export async function collectEvents(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/**
 * Reads a stream that must fail with a `ProviderError`: returns the error and the events seen
 * before it. Throws when the stream ends normally or fails with anything else.
 */
export async function streamFailure(
  stream: AsyncIterable<StreamEvent>,
): Promise<{ error: ProviderError; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    if (!ProviderError.isInstance(error)) throw error;
    return { error, events };
  }
  throw new Error(`expected the stream to fail, it ended after ${events.length} events`);
}

/** Awaits a call that must reject with a `ProviderError` and returns it; throws otherwise. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ProviderError.isInstance(error))
    throw new Error(
      `expected a ProviderError, got ${error === undefined ? 'a success' : String(error)}`,
    );
  return error;
}

/**
 * Settles a promise into `{ value }` or `{ error }`, so a test can start a call, move fake
 * timers, then look at how it ended, with no rejection ever left unhandled.
 *
 * @example
 * const pending = outcome(executor.generate([a, b], ask()));
 * await vi.advanceTimersByTimeAsync(1_000);
 * expect((await pending).error).toBeUndefined();
 */
export async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}
