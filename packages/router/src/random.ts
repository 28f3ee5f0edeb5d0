/**
 * A small seeded PRNG (mulberry32): fast, 32-bit state, good enough for routing decisions and
 * exploration. Same seed, same sequence, in every process.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal sample (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) sample (Marsaglia–Tsang; shape < 1 boosted). */
function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A Beta(a, b) sample, for Thompson sampling. Exact and cheap for the common shapes: Beta(a, 1)
 * is U^(1/a) and Beta(1, b) is 1 − U^(1/b); when both are ≥ 3 the normal approximation
 * (clamped to [0, 1]) is used; otherwise the ratio of two Gamma samples.
 */
export function sampleBeta(a: number, b: number, random: () => number): number {
  if (b === 1) return Math.pow(1 - random(), 1 / a);
  if (a === 1) return 1 - Math.pow(1 - random(), 1 / b);
  if (a >= 3 && b >= 3) {
    const n = a + b;
    const sd = Math.sqrt((a * b) / (n * n * (n + 1)));
    const x = a / n + sd * normal(random);
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }
  const x = gamma(a, random);
  const y = gamma(b, random);
  return x / (x + y);
}
