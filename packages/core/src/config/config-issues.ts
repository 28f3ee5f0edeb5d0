import type { z } from 'zod';
import type { ConfigIssue } from '../errors/config-error.js';
import { redactSecrets } from '../redact.js';

/** A zod issue (any kind). */
type ZodIssue = z.core.$ZodIssue;

/** Which keys an object at `path` accepts, for "did you mean" hints on unknown keys. */
export type KnownKeys = (path: readonly PropertyKey[]) => readonly string[] | undefined;

/** Joins a path with dots: `providers.openai.maxTokens`, `fallbackProviders.1`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join('.');
}

/** The closest candidate to a misspelt key (case-insensitive, at most 2 edits), if any. */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d =
      candidate.toLowerCase() === key.toLowerCase()
        ? 0
        : editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** True for a union branch that failed only because the value had another type. */
function isTypeMismatch(branch: readonly ZodIssue[]): boolean {
  return branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0;
}

function convert(
  issue: ZodIssue,
  base: readonly PropertyKey[],
  knownKeys: KnownKeys | undefined,
  out: ConfigIssue[],
): void {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union') {
    // Report the branch the value was meant for (e.g. the object form of a cost limit), not "invalid input".
    const relevant = issue.errors.filter((branch) => !isTypeMismatch(branch));
    if (relevant.length === 1) {
      for (const inner of relevant[0]) convert(inner, path, knownKeys, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const candidates = knownKeys?.(path) ?? [];
    for (const key of issue.keys) {
      const suggestion = didYouMean(key, candidates);
      out.push({
        path: formatPath([...path, key]),
        message: `unknown key: remove it or fix its spelling${suggestion ? ` (did you mean "${suggestion}"?)` : candidates.length ? ` (known keys: ${candidates.join(', ')})` : ''}`,
      });
    }
    return;
  }
  out.push({ path: formatPath(path), message: issue.message });
}

/**
 * Turns zod issues into `ConfigIssue`s with dotted paths: one issue per unknown key (with a
 * spelling hint), union failures reported from the branch the value was meant for, and every
 * message redacted of API keys (known shapes and `secrets`).
 */
export function toConfigIssues(
  issues: readonly ZodIssue[],
  options: {
    prefix?: readonly PropertyKey[];
    knownKeys?: KnownKeys;
    secrets?: readonly string[];
  } = {},
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) convert(issue, options.prefix ?? [], options.knownKeys, out);
  return out.map((i) => ({
    path: i.path,
    message: redactSecrets(i.message, options.secrets ?? []),
  }));
}
