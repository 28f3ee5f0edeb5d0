import { describe, expect, it } from 'vitest';
import {
  catalogueMaxTokensCap,
  fallbackMaxTokens,
  resolveMaxTokens,
} from './default-max-tokens.js';

describe('resolveMaxTokens', () => {
  it('prefers the request, then the settings', () => {
    expect(resolveMaxTokens(100, 200, 64_000)).toBe(100);
    expect(resolveMaxTokens(undefined, 200, 64_000)).toBe(200);
  });

  it("caps the catalogue's max output at 8192", () => {
    expect(resolveMaxTokens(undefined, undefined, 64_000)).toBe(catalogueMaxTokensCap);
    expect(resolveMaxTokens(undefined, undefined, 4_000)).toBe(4_000);
  });

  it('falls back to 4096 for a model the catalogue does not know', () => {
    expect(resolveMaxTokens(undefined, undefined, undefined)).toBe(fallbackMaxTokens);
    expect(fallbackMaxTokens).toBe(4096);
  });
});
