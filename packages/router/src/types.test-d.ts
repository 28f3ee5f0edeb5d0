import type { Candidate as ExecutorCandidate } from '@modelmux/resilience';
import { expectTypeOf, test } from 'vitest';
import type { Candidate, RoutePlan } from './types.js';

test("a plan's candidates are exactly what the executor takes", () => {
  expectTypeOf<Candidate>().toEqualTypeOf<ExecutorCandidate>();
  expectTypeOf<RoutePlan['candidates']>().toMatchTypeOf<readonly ExecutorCandidate[]>();
});
