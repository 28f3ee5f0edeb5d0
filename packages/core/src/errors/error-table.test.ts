import { describe, expect, test } from 'vitest';
import { errorKinds, isRetryableKind } from './error-kind.js';
import { errorRule, errorTable, kindsWhere } from './error-table.js';

describe('the error table', () => {
  test('has exactly one row per error kind', () => {
    expect(Object.keys(errorTable).sort()).toEqual([...errorKinds].sort());
  });

  test('isRetryableKind reads its retryable column', () => {
    for (const kind of errorKinds) expect(isRetryableKind(kind)).toBe(errorRule(kind).retryable);
    expect(kindsWhere((rule) => rule.retryable)).toEqual([
      'rate_limit',
      'server',
      'overloaded',
      'timeout',
      'network',
    ]);
  });

  test('only transient failures count toward the breaker, and none of them proves an answer', () => {
    expect(kindsWhere((rule) => rule.breaker)).toEqual([
      'rate_limit',
      'server',
      'overloaded',
      'timeout',
      'network',
    ]);
    for (const kind of kindsWhere((rule) => rule.breaker))
      expect(errorRule(kind).answered).toBe(false);
  });

  test('a bad request fails fast and an abort stops; neither touches the provider', () => {
    expect(errorRule('bad_request')).toMatchObject({ then: 'fail-fast', state: 'none' });
    expect(errorRule('aborted')).toMatchObject({ then: 'stop', state: 'none', breaker: false });
  });
});
