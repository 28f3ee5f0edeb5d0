import { InvalidRequestError, providerIssues } from '@modelmux/core';
import type { Candidate } from './executor-options.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The cheap test a valid provider passes (its name and the two calls every operation needs). */
function looksLikeProvider(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['name'] === 'string' &&
    typeof value['generate'] === 'function' &&
    typeof value['stream'] === 'function'
  );
}

function refuse(field: string, message: string): never {
  throw new InvalidRequestError({ field, message });
}

/** Names what is wrong with candidate `i` (only on failure: core's `providerIssues` lists it). */
function refuseCandidate(candidate: unknown, i: number): never {
  const wrapped = isRecord(candidate) && 'provider' in candidate;
  const path = wrapped ? `candidates.${i}.provider` : `candidates.${i}`;
  const issue = providerIssues(wrapped ? candidate['provider'] : candidate, path)[0];
  refuse(
    issue?.path ?? path,
    `${issue?.message ?? 'expected a Provider'}: each plan entry is a Provider or { provider, model? }`,
  );
}

/**
 * Checks a plan before anything runs: an array whose entries are providers or `{ provider,
 * model? }`. A malformed plan is the caller's `InvalidRequestError` naming the entry and the
 * member (`candidates.0.generate`), never a raw `TypeError` from deep inside a run. O(plan).
 */
export function checkCandidates(candidates: unknown): asserts candidates is readonly Candidate[] {
  if (!Array.isArray(candidates))
    refuse(
      'candidates',
      `expected an array of Provider objects (the plan, e.g. [openai, anthropic]); received ${candidates === null ? 'null' : typeof candidates}`,
    );
  for (let i = 0; i < candidates.length; i++) {
    const candidate: unknown = candidates[i];
    if (looksLikeProvider(candidate)) continue;
    if (isRecord(candidate) && looksLikeProvider(candidate['provider'])) {
      const model = candidate['model'];
      if (model === undefined || (typeof model === 'string' && model !== '')) continue;
      refuse(`candidates.${i}.model`, 'expected a non-empty model id string, or leave it out ({ provider: Provider, model? })');
    }
    refuseCandidate(candidate, i);
  }
}
