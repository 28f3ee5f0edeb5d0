import type { StreamEvent } from '@modelmux/core';

/**
 * Wraps a stream to measure its time to first event: from the first `next()` to the first
 * event, reported with the provider and model of its `finish` event. Events pass through
 * unchanged; breaking out of the loop closes the inner stream.
 */
export async function* measureFirstEvent(
  stream: AsyncIterable<StreamEvent>,
  now: () => number,
  report: (provider: string, model: string | undefined, ms: number) => void,
): AsyncGenerator<StreamEvent, void, undefined> {
  const started = now();
  let firstAt: number | undefined;
  for await (const event of stream) {
    firstAt ??= now();
    if (event.type === 'finish' && event.provider)
      report(event.provider, event.model, firstAt - started);
    yield event;
  }
}
