import { InvalidRequestError } from '@modelmux/core';

/** One item's outcome: its result, or the error it failed with. */
export type BatchItem<R> = { ok: true; result: R } | { ok: false; error: unknown };

/** Progress after each item settles. */
export interface BatchProgress {
  /** Items settled so far (succeeded + failed). */
  done: number;
  total: number;
  succeeded: number;
  failed: number;
  /** The input index of the item that just settled. */
  index: number;
}

/** Options of `factory.batch()`. */
export interface BatchOptions {
  /** The most requests in flight at once (default 4). */
  concurrency?: number;
  /** Called after each item settles; a listener that throws is ignored. */
  onProgress?: (progress: BatchProgress) => void;
}

/**
 * Runs `run` over `inputs` with at most `concurrency` in flight, and resolves, in input order,
 * `{ ok: true, result }` or `{ ok: false, error }` per item: one failure does not sink the batch.
 */
export async function runBatch<I, R>(
  inputs: readonly I[],
  run: (input: I, index: number) => Promise<R>,
  options: BatchOptions = {},
): Promise<BatchItem<R>[]> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidRequestError({
      field: 'concurrency',
      message: `must be a whole number ≥ 1 (e.g. 4); received ${String(concurrency)}`,
    });
  if (!Array.isArray(inputs))
    throw new InvalidRequestError({ field: 'inputs', message: 'must be an array of inputs' });

  const items = new Array<BatchItem<R>>(inputs.length);
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  const settle = (index: number, item: BatchItem<R>) => {
    items[index] = item;
    if (item.ok) succeeded++;
    else failed++;
    try {
      options.onProgress?.({
        done: succeeded + failed,
        total: inputs.length,
        succeeded,
        failed,
        index,
      });
    } catch {
      // An observer never breaks the batch.
    }
  };
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      try {
        settle(index, { ok: true, result: await run(inputs[index] as I, index) });
      } catch (error) {
        settle(index, { ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, lane));
  return items;
}
