/** The q-quantile (0..1) of a sample, by nearest rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
}

/** The median of a sample. */
export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Times one async call, in ms. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Runs every side once per round, in a rotating order, for `rounds` rounds after `warmup`
 * untimed rounds, so that noise on this shared machine lands on all sides alike.
 */
export async function interleave<K extends string>(
  sides: Record<K, () => Promise<unknown>>,
  rounds: number,
  warmup: number,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length] as K;
      const ms = await timeOnce(sides[name]);
      if (round >= warmup) samples[name].push(ms);
    }
  }
  return samples;
}

/** Completed calls per second with `concurrency` in flight, for `total` calls. */
export async function throughput(
  fn: () => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next += 1;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - started) / 1000);
}
