import { describe, expect, it } from 'vitest';
import { mulberry32 } from './prng.js';
import { ProviderState } from './provider-state.js';

describe('mulberry32', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('ProviderState', () => {
  it('serves scripted steps first, then ok', () => {
    const state = new ProviderState(1);
    state.script(['hang', { status: 500 }]);
    expect([state.next().step, state.next().step, state.next().step]).toEqual([
      'hang',
      { status: 500 },
      'ok',
    ]);
  });

  it('draws failures near the fail rate and latency inside the range', () => {
    const state = new ProviderState(1);
    state.rules({ failRate: 0.25, latencyMs: [10, 20], seed: 11 });
    const draws = Array.from({ length: 400 }, () => state.next());
    const failures = draws.filter((d) => d.step !== 'ok');
    expect(failures.length).toBeGreaterThan(60);
    expect(failures.length).toBeLessThan(140);
    expect(failures[0]?.step).toEqual({ status: 503 });
    expect(draws.every((d) => d.latencyMs >= 10 && d.latencyMs <= 20)).toBe(true);
  });

  it('uses a fixed latency and the server seed when the rules have none', () => {
    const a = new ProviderState(9);
    const b = new ProviderState(9);
    a.rules({ failRate: 0.5, latencyMs: 15 });
    b.rules({ failRate: 0.5, latencyMs: 15 });
    const seq = (s: ProviderState) => Array.from({ length: 20 }, () => s.next());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(first.every((d) => d.latencyMs === 15)).toBe(true);
  });

  it('reset clears script and rules', () => {
    const state = new ProviderState(1);
    state.script(['reset']);
    state.rules({ failRate: 1 });
    state.reset();
    expect(state.next()).toEqual({ step: 'ok', latencyMs: 0 });
  });
});
