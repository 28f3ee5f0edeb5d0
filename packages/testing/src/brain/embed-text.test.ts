import { describe, expect, it } from 'vitest';
import { cosine } from '../__fixtures__/weather.js';
import { embedText, tokensOf } from './embed-text.js';

describe('embedText', () => {
  it('is stable, unit length and of the asked size', () => {
    const a = embedText('The cat sat on the mat', 256);
    expect(a).toHaveLength(256);
    expect(embedText('The cat sat on the mat', 256)).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
  });

  it('puts similar texts closer than unrelated ones, and ignores case and punctuation', () => {
    const a = embedText('the cat sat on the mat', 512);
    expect(cosine(a, embedText('The cat sat on a mat!', 512))).toBeGreaterThan(
      cosine(a, embedText('stock market closes higher', 512)),
    );
    expect(embedText('Hello, World', 64)).toEqual(embedText('hello world', 64));
  });

  it('gives a unit vector for empty text', () => {
    expect(Math.hypot(...embedText('', 8))).toBe(1);
  });
});

describe('tokensOf', () => {
  it('counts about four characters per token, at least one', () => {
    expect(tokensOf('')).toBe(1);
    expect(tokensOf('x'.repeat(40))).toBe(10);
  });
});
