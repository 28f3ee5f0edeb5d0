import { fnv1a } from './hash.js';
import { words } from './words.js';

/**
 * A stable embedding: a hashed bag of words (each word adds 1 at two hashed positions),
 * L2-normalised, so equal texts give equal vectors and texts sharing words give close ones.
 */
export function embedText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const tokens = words(text);
  if (tokens.length === 0) {
    vector[0] = 1;
    return vector;
  }
  for (const token of tokens) {
    for (const seed of [0x811c9dc5, 0x1234567]) {
      const h = fnv1a(token, seed);
      const index = h % dimensions;
      vector[index] = (vector[index] as number) + 1;
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return vector.map((v) => v / norm);
}

/** Tokens an input is counted as (≈ chars/4, at least 1). */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
