import type { CandidateInfo } from '../types.js';

/**
 * The candidates sorted by `key` (ascending, or descending with `descending`), undefined keys
 * last, ties in configured order. Returns a new array.
 */
export function orderBy(
  candidates: readonly CandidateInfo[],
  key: (candidate: CandidateInfo) => number | undefined,
  descending = false,
): CandidateInfo[] {
  const keyed = candidates.map((candidate) => ({ candidate, key: key(candidate) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined || a.key === b.key) {
      if (a.key === b.key) return a.candidate.index - b.candidate.index;
      return a.key === undefined ? 1 : -1;
    }
    return descending ? b.key - a.key : a.key - b.key;
  });
  return keyed.map((k) => k.candidate);
}
