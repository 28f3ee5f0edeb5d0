import { build, type Histogram } from 'hdr-histogram-js';

/** Values above this (1 hour, in ms) are recorded as this. */
const highestMs = 3_600_000;

/** Window percentiles are recomputed at most this often (reads stay O(1) amortised). */
const refreshMs = 1_000;

function histogram(): Histogram {
  // Two significant digits: every percentile is within 1 % of the true value; ~9 KB each.
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: highestMs,
    numberOfSignificantValueDigits: 2,
    autoResize: false,
    bitBucketSize: 32,
  });
}

function clamp(ms: number): number {
  return ms < 1 ? 1 : ms > highestMs ? highestMs : Math.round(ms);
}

/**
 * Durations in fixed memory: HdrHistogram slots that rotate over a sliding window (default five
 * one-minute slots = the last 5 minutes) plus one since start. Recording is O(1); percentiles
 * have a relative error of at most 1 % (ms resolution, values from 1 ms to 1 h).
 */
export class SlidingHistogram {
  private readonly slots: Histogram[] = [];
  private readonly epochs: number[] = [];
  private readonly sums: number[] = [];
  private readonly slotMs: number;
  private readonly total = histogram();
  private totalSum = 0;
  private merged: Histogram | undefined;
  private mergedAt = -Infinity;
  private mergedVersion = -1;
  private version = 0;

  constructor(
    windowMs: number,
    private readonly slotCount: number,
  ) {
    this.slotMs = Math.max(1, Math.ceil(windowMs / slotCount));
    for (let i = 0; i < slotCount; i++) {
      this.slots.push(histogram());
      this.epochs.push(-1);
      this.sums.push(0);
    }
  }

  /** Records one duration in ms at time `now` (epoch ms). O(1). */
  record(ms: number, now: number): void {
    const value = clamp(ms);
    const epoch = Math.floor(now / this.slotMs);
    const index = epoch % this.slotCount;
    if (this.epochs[index] !== epoch) {
      this.slots[index].reset();
      this.sums[index] = 0;
      this.epochs[index] = epoch;
    }
    this.slots[index].recordValue(value);
    this.sums[index] += value;
    this.total.recordValue(value);
    this.totalSum += value;
    this.version++;
  }

  /** Samples in the window ending at `now`. O(slots). */
  windowCount(now: number): number {
    let count = 0;
    const oldest = Math.floor(now / this.slotMs) - this.slotCount;
    for (let i = 0; i < this.slotCount; i++)
      if (this.epochs[i] > oldest) count += this.slots[i].totalCount;
    return count;
  }

  /** Mean over the window, or undefined without samples. O(slots). */
  windowMean(now: number): number | undefined {
    let count = 0;
    let sum = 0;
    const oldest = Math.floor(now / this.slotMs) - this.slotCount;
    for (let i = 0; i < this.slotCount; i++) {
      if (this.epochs[i] > oldest) {
        count += this.slots[i].totalCount;
        sum += this.sums[i];
      }
    }
    return count === 0 ? undefined : sum / count;
  }

  /** A percentile (0–100) over the window, or undefined without samples. */
  windowPercentile(percentile: number, now: number): number | undefined {
    const merged = this.mergedWindow(now);
    return merged.totalCount === 0 ? undefined : merged.getValueAtPercentile(percentile);
  }

  /** Samples since start. */
  get count(): number {
    return this.total.totalCount;
  }

  /** Mean since start, or undefined. */
  get mean(): number | undefined {
    return this.total.totalCount === 0 ? undefined : this.totalSum / this.total.totalCount;
  }

  /** A percentile (0–100) since start, or undefined. */
  percentile(percentile: number): number | undefined {
    return this.total.totalCount === 0 ? undefined : this.total.getValueAtPercentile(percentile);
  }

  private mergedWindow(now: number): Histogram {
    const epoch = Math.floor(now / this.slotMs);
    let merged = this.merged;
    const stale =
      merged === undefined ||
      ((this.mergedVersion !== this.version || this.mergedAt < epoch * this.slotMs) &&
        now - this.mergedAt >= refreshMs);
    if (!merged || stale) {
      merged ??= this.merged = histogram();
      merged.reset();
      const oldest = epoch - this.slotCount;
      for (let i = 0; i < this.slotCount; i++)
        if (this.epochs[i] > oldest) merged.add(this.slots[i]);
      this.mergedAt = now;
      this.mergedVersion = this.version;
    }
    return merged;
  }
}
