import { describe, expect, test } from 'vitest';
import { AllProvidersFailedError } from './all-providers-failed-error.js';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { CircuitOpenError } from './circuit-open-error.js';
import { ConfigError } from './config-error.js';
import { errorKindFromStatus, errorKinds, isRetryableKind, type ErrorKind } from './error-kind.js';
import { NoProviderAvailableError } from './no-provider-available-error.js';
import { ProviderError } from './provider-error.js';
import { StreamInterruptedError } from './stream-interrupted-error.js';

describe('error kinds', () => {
  test.each<[number | undefined, ErrorKind]>([
    [400, 'bad_request'],
    [422, 'bad_request'],
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'server'],
    [413, 'context_length'],
    [429, 'rate_limit'],
    [500, 'server'],
    [502, 'server'],
    [503, 'overloaded'],
    [529, 'overloaded'],
    [418, 'unknown'],
    [undefined, 'unknown'],
  ])('status %s → %s', (status, kind) => {
    expect(errorKindFromStatus(status)).toBe(kind);
  });

  test('only transient kinds are retryable', () => {
    expect(errorKinds.filter(isRetryableKind)).toEqual([
      'rate_limit',
      'timeout',
      'network',
      'server',
      'overloaded',
    ]);
    expect(new Set(errorKinds).size).toBe(errorKinds.length);
  });
});

describe('ProviderError', () => {
  test('takes isRetryable from the kind unless told', () => {
    expect(new ProviderError({ kind: 'rate_limit', provider: 'p', message: 'm' }).isRetryable).toBe(
      true,
    );
    expect(new ProviderError({ kind: 'auth', provider: 'p', message: 'm' }).isRetryable).toBe(
      false,
    );
    expect(
      new ProviderError({ kind: 'server', provider: 'p', message: 'm', isRetryable: false })
        .isRetryable,
    ).toBe(false);
  });

  test('keeps its fields and cause', () => {
    const cause = new Error('socket hang up');
    expect(
      new ProviderError({
        kind: 'network',
        provider: 'openai',
        model: 'gpt-4o',
        status: 503,
        retryAfterMs: 2000,
        message: 'm',
        cause,
      }),
    ).toMatchObject({
      name: 'ModelmuxProviderError',
      kind: 'network',
      provider: 'openai',
      model: 'gpt-4o',
      status: 503,
      retryAfterMs: 2000,
      cause,
    });
  });
});

describe('the other errors explain themselves', () => {
  test('AllProvidersFailedError lists each attempt and keeps the last cause', () => {
    const last = new Error('last');
    const error = new AllProvidersFailedError({
      attempts: [
        {
          provider: 'openai',
          model: 'gpt-4o',
          kind: 'rate_limit',
          status: 429,
          latencyMs: 120.4,
          message: 'slow down',
          error: new Error('first'),
        },
        {
          provider: 'groq',
          model: undefined,
          kind: 'timeout',
          status: undefined,
          latencyMs: 3000,
          message: 'timed out',
          error: last,
        },
      ],
    });
    expect(error.message).toBe(
      'All 2 attempt(s) failed:\n  1. openai/gpt-4o: rate_limit (429) after 120ms: slow down\n  2. groq: timeout after 3000ms: timed out',
    );
    expect(error.cause).toBe(last);
  });

  test('BudgetExceededError names scope, provider and amounts', () => {
    expect(
      new BudgetExceededError({
        scope: 'daily',
        limitUsd: 5,
        provider: 'openai',
        spentUsd: 4.5,
        predictedUsd: 0.75,
      }).message,
    ).toBe(
      'The daily budget of $5 for provider "openai" would be exceeded (predicted $0.75, spent $4.5)',
    );
    expect(new BudgetExceededError({ scope: 'request', limitUsd: 0.1 }).message).toMatch(
      /request budget of \$0.1 for all providers/,
    );
  });

  test('BudgetExceededError names a user or tag limit and when it resets', () => {
    const error = new BudgetExceededError({
      scope: 'user',
      period: 'daily',
      userId: 'u-1',
      limitUsd: 2,
      spentUsd: 1.5,
      resetsAt: Date.UTC(2026, 10, 26),
    });
    expect(error.message).toBe(
      'The daily user budget of $2 for user "u-1" would be exceeded (spent $1.5); it resets at 2026-11-26T00:00:00.000Z',
    );
    expect([error.resetsAt, error.period, error.userId, error.tag]).toEqual([
      Date.UTC(2026, 10, 26),
      'daily',
      'u-1',
      undefined,
    ]);
    expect(
      new BudgetExceededError({ scope: 'tag', period: 'monthly', tag: 'batch', limitUsd: 9 })
        .message,
    ).toMatch(/^The monthly tag budget of \$9 for tag "batch" would be exceeded$/);
  });

  test('NoProviderAvailableError, CircuitOpenError, StreamInterruptedError, ConfigError', () => {
    expect(new NoProviderAvailableError({ excluded: [] }).message).toBe(
      'No provider is configured',
    );
    expect(
      new NoProviderAvailableError({ excluded: [{ provider: 'openai', reason: 'circuit open' }] })
        .message,
    ).toMatch(/- openai: circuit open/);
    expect(new CircuitOpenError({ provider: 'groq', retryAfterMs: 500 })).toMatchObject({
      provider: 'groq',
      retryAfterMs: 500,
      message: expect.stringMatching(/"groq" is open/),
    });
    expect(
      new StreamInterruptedError({
        provider: 'openai',
        partialText: 'abcd',
        cause: new Error('reset'),
      }).message,
    ).toBe('The stream from "openai" failed after 4 characters: reset');
    expect(
      new ConfigError({
        issues: [
          { path: 'a.b', message: 'bad' },
          { path: '', message: 'worse' },
        ],
      }).message,
    ).toBe('Invalid configuration:\n  - a.b: bad\n  - (root): worse');
  });
});
