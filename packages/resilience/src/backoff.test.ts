import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs (full jitter)', () => {
  it('draws from [0, min(max, base * 2^retry)) with the injected random', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 0)).toBe(0);
    expect(backoffDelayMs(0, 100, 10_000, () => 0.999_999)).toBe(99);
    expect(backoffDelayMs(1, 100, 10_000, () => 0.5)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 0.5)).toBe(400);
  });

  it('never exceeds maxDelayMs however many retries', () => {
    for (let retry = 0; retry < 40; retry++) {
      const high = backoffDelayMs(retry, 250, 5_000, () => 0.999_999);
      expect(high).toBeLessThan(5_000);
      expect(high).toBeGreaterThanOrEqual(0);
    }
    expect(backoffDelayMs(30, 250, 5_000, () => 0.5)).toBe(2_500);
  });

  it('stays within the bounds for many random draws', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 1_000; i++) {
      const retry = i % 6;
      const delay = backoffDelayMs(retry, 200, 3_000, random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(3_000, 200 * 2 ** retry));
    }
  });
});
