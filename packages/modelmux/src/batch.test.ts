import { describe, expect, test } from 'vitest';
import { runBatch } from './batch.js';

/** A promise resolved from outside, to control when each item settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('runBatch', () => {
  test('results in input order whatever the completion order; a failure stays in its slot', async () => {
    const gates = [deferred<string>(), deferred<string>(), deferred<string>()];
    const running = runBatch([0, 1, 2], (i) => (gates[i] as (typeof gates)[0]).promise, {
      concurrency: 3,
    });
    gates[2]?.resolve('c');
    gates[1]?.reject(new Error('b failed'));
    gates[0]?.resolve('a');
    expect(await running).toEqual([
      { ok: true, result: 'a' },
      { ok: false, error: new Error('b failed') },
      { ok: true, result: 'c' },
    ]);
  });

  test('never more than concurrency in flight; the next starts as one settles', async () => {
    const gates = Array.from({ length: 5 }, () => deferred<number>());
    const started: number[] = [];
    let inFlight = 0;
    let max = 0;
    const running = runBatch(
      [0, 1, 2, 3, 4],
      async (i) => {
        started.push(i);
        inFlight++;
        max = Math.max(max, inFlight);
        try {
          return await (gates[i] as (typeof gates)[0]).promise;
        } finally {
          inFlight--;
        }
      },
      { concurrency: 2 },
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve(1);
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve(0);
    await running;
    expect(max).toBe(2);
  });

  test('onProgress after each item; a throwing listener does not break the batch', async () => {
    const progress: unknown[] = [];
    const items = await runBatch(
      [1, 2],
      (n) => (n === 2 ? Promise.reject(new Error('x')) : Promise.resolve(n)),
      {
        concurrency: 1,
        onProgress: (p) => {
          progress.push(p);
          throw new Error('listener');
        },
      },
    );
    expect(items.map((i) => i.ok)).toEqual([true, false]);
    expect(progress).toEqual([
      { done: 1, total: 2, succeeded: 1, failed: 0, index: 0 },
      { done: 2, total: 2, succeeded: 1, failed: 1, index: 1 },
    ]);
  });

  test('empty input resolves at once; a bad concurrency or input is an InvalidRequestError', async () => {
    expect(await runBatch([], () => Promise.resolve(1))).toEqual([]);
    await expect(runBatch([1], () => Promise.resolve(1), { concurrency: 0 })).rejects.toThrow(
      /concurrency.*whole number/,
    );
    await expect(runBatch([1], () => Promise.resolve(1), { concurrency: 1.5 })).rejects.toThrow(
      /concurrency/,
    );
    await expect(runBatch('ab' as never, () => Promise.resolve(1))).rejects.toThrow(/inputs/);
  });
});
