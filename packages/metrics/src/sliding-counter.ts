/**
 * A count over a sliding window in fixed memory: slots that rotate (as `SlidingHistogram`).
 * Adding is O(1); reading is O(slots).
 */
export class SlidingCounter {
  private readonly counts: number[];
  private readonly epochs: number[];
  private readonly slotMs: number;

  constructor(
    windowMs: number,
    private readonly slotCount: number,
  ) {
    this.slotMs = Math.max(1, Math.ceil(windowMs / slotCount));
    this.counts = new Array<number>(slotCount).fill(0);
    this.epochs = new Array<number>(slotCount).fill(-1);
  }

  /** Adds `amount` at time `now` (epoch ms). */
  add(now: number, amount = 1): void {
    const epoch = Math.floor(now / this.slotMs);
    const index = epoch % this.slotCount;
    if (this.epochs[index] !== epoch) {
      this.counts[index] = 0;
      this.epochs[index] = epoch;
    }
    this.counts[index] += amount;
  }

  /** The sum over the window ending at `now`. */
  sum(now: number): number {
    const oldest = Math.floor(now / this.slotMs) - this.slotCount;
    let sum = 0;
    for (let i = 0; i < this.slotCount; i++) if (this.epochs[i] > oldest) sum += this.counts[i];
    return sum;
  }
}
