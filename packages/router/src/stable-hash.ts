/**
 * FNV-1a, 32 bits, over the UTF-16 code units of a string: stable across processes, restarts
 * and platforms, so a user lands in the same experiment variant everywhere.
 */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A uniform number in [0, 1) from a key (FNV-1a with a final avalanche, so similar ids spread).
 * With `suffix`, the same as `stableUnit(key + suffix)` without building the string.
 */
export function stableUnit(key: string, suffix = ''): number {
  let h = suffix ? fnv1a(suffix, fnv1a(key)) : fnv1a(key);
  // murmur3's fmix32: FNV-1a alone leaves the low bits of near-identical keys correlated.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
