/**
 * The last `size` latencies of one provider in a ring buffer, and their 95th percentile, cached
 * and recomputed (a sort of at most `size` numbers) only while filling or every `size / 8` new
 * samples: hedging reads it once per request.
 */
export class LatencyReservoir {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;
  private cached: number | undefined;
  private sinceComputed = 0;

  constructor(private readonly size = 128) {
    this.samples = new Float64Array(size);
  }

  /** How many samples it holds (at most `size`). */
  get length(): number {
    return this.count;
  }

  /** Adds one latency, in ms. */
  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
    this.sinceComputed++;
  }

  /** The 95th percentile of the held samples, in ms; undefined when empty. */
  p95(): number | undefined {
    if (this.count === 0) return undefined;
    if (
      this.cached === undefined ||
      (this.sinceComputed > 0 && (this.count < this.size || this.sinceComputed >= this.size >> 3))
    ) {
      const sorted = this.samples.slice(0, this.count).sort();
      this.cached = sorted[Math.max(0, Math.ceil(0.95 * this.count) - 1)];
      this.sinceComputed = 0;
    }
    return this.cached;
  }
}
