import { describe, expect, test } from 'vitest';
import { SlidingCounter } from './sliding-counter.js';
import { SlidingHistogram } from './sliding-histogram.js';

/** The exact percentile of 1..n (nearest rank). */
function exact(n: number, p: number): number {
  return Math.ceil((p / 100) * n);
}

describe('SlidingHistogram', () => {
  test('percentiles of 1..10 000 ms are within 1 % (two significant digits)', () => {
    const h = new SlidingHistogram(300_000, 5);
    const now = 1_000_000;
    for (let v = 1; v <= 10_000; v++) h.record(v, now);
    for (const p of [50, 90, 95, 99, 99.9]) {
      const value = h.windowPercentile(p, now) ?? NaN;
      expect(Math.abs(value - exact(10_000, p)) / exact(10_000, p)).toBeLessThanOrEqual(0.01);
      expect(
        Math.abs((h.percentile(p) ?? NaN) - exact(10_000, p)) / exact(10_000, p),
      ).toBeLessThanOrEqual(0.01);
    }
    expect(h.windowMean(now)).toBeCloseTo(5_000.5, 5);
    expect(h.count).toBe(10_000);
  });

  test('old slots leave the window; since-start keeps them', () => {
    const h = new SlidingHistogram(300_000, 5); // 1-minute slots
    let now = 60_000 * 100;
    for (let i = 0; i < 100; i++) h.record(1_000, now);
    now += 120_000;
    for (let i = 0; i < 100; i++) h.record(10, now);
    expect(h.windowCount(now)).toBe(200);
    expect(h.windowMean(now)).toBeCloseTo(505, 5);
    now += 240_000; // the 1 000 ms slot is now 6 minutes old
    expect(h.windowCount(now)).toBe(100);
    expect(h.windowMean(now)).toBe(10);
    expect(h.windowPercentile(99, now)).toBe(10);
    expect(h.percentile(99)).toBeGreaterThanOrEqual(990);
    now += 300_000;
    expect(h.windowCount(now)).toBe(0);
    expect(h.windowMean(now)).toBeUndefined();
    expect(h.windowPercentile(50, now)).toBeUndefined();
    expect(h.count).toBe(200);
  });

  test('a reused slot is cleared first', () => {
    const h = new SlidingHistogram(5_000, 5); // 1-second slots
    h.record(100, 0);
    h.record(200, 5_000); // same slot index, five seconds later
    expect(h.windowCount(5_000)).toBe(1);
    expect(h.windowMean(5_000)).toBe(200);
  });

  test('values are clamped to 1 ms .. 1 h', () => {
    const h = new SlidingHistogram(60_000, 5);
    h.record(0.2, 0);
    h.record(10 * 3_600_000, 0);
    expect(h.percentile(0)).toBe(1);
    expect(h.percentile(100)).toBeGreaterThanOrEqual(3_600_000 * 0.99);
  });
});

describe('SlidingCounter', () => {
  test('sums over the window only', () => {
    const c = new SlidingCounter(60_000, 6);
    c.add(0);
    c.add(10_000, 2);
    expect(c.sum(10_000)).toBe(3);
    expect(c.sum(65_000)).toBe(2);
    expect(c.sum(200_000)).toBe(0);
  });
});
