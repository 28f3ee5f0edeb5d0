/** 32-bit FNV-1a hash of a string. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A short, stable, id-safe token derived from a text (24 base-36 characters). */
export function stableId(text: string): string {
  let out = '';
  for (let i = 0; out.length < 24; i++)
    out += fnv1a(text, 0x811c9dc5 + i * 7919)
      .toString(36)
      .padStart(7, '0');
  return out.slice(0, 24);
}
