import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { AllProvidersFailedError } from './errors/all-providers-failed-error.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ProviderError } from './errors/provider-error.js';
import { StreamInterruptedError } from './errors/stream-interrupted-error.js';
import { registerSecret } from './redact.js';
import { redactCause } from './redact-cause.js';

/** A key with no known shape: only registration can find it. */
const key = 'gw-live-7Hq2xZ9pLmN4';
registerSecret(key);

/** An SDK error as the vendors build them: body in `error`, Anthropic's `apiMessage`, headers, a nested cause. */
class VendorAPIError extends Error {
  readonly status = 401;
  readonly error: unknown;
  readonly apiMessage: string;
  readonly headers: Headers;
  constructor() {
    super(`401 {"error":{"message":"Incorrect API key provided: ${key}"}}`, {
      cause: new TypeError(`fetch failed for https://gw.example/v1?key=${key}`),
    });
    this.error = { error: { message: `Incorrect API key provided: ${key}`, details: [key] } };
    this.apiMessage = `invalid x-api-key ${key}`;
    this.headers = new Headers({ 'x-echo': key, 'x-request-id': 'req_1' });
  }
}

function providerError(): ProviderError {
  return new ProviderError({
    kind: 'auth',
    provider: 'acme',
    model: 'acme-1',
    status: 401,
    message: `acme auth: Incorrect API key provided: ${key}`,
    cause: new VendorAPIError(),
  });
}

describe('redactCause: no key in any cause chain, nor in what util.inspect prints', () => {
  test('every error type that carries a cause', () => {
    const failed = providerError();
    const all = new AllProvidersFailedError({
      attempts: [
        {
          provider: 'acme',
          model: 'acme-1',
          kind: 'auth',
          status: 401,
          latencyMs: 3,
          message: failed.message,
          error: failed,
        },
      ],
    });
    const interrupted = new StreamInterruptedError({
      provider: 'acme',
      partialText: 'Hel',
      cause: new VendorAPIError(),
    });
    const invalid = new InvalidRequestError({
      field: 'request',
      message: 'could not build',
      cause: new VendorAPIError(),
    });
    const objects: unknown[] = [
      failed,
      failed.cause,
      all,
      all.cause,
      (all.attempts[0]?.error as ProviderError | undefined)?.cause,
      interrupted,
      interrupted.cause,
      invalid,
      invalid.cause,
    ];
    for (const object of objects) {
      const printed = inspect(object, { depth: 10, showHidden: true });
      expect(printed).not.toContain(key);
      expect(printed).toContain('[REDACTED]');
    }
    const cause = failed.cause as VendorAPIError;
    expect(cause.message).not.toContain(key);
    expect(cause.stack).not.toContain(key);
    expect(JSON.stringify(cause.error)).not.toContain(key);
    expect(cause.apiMessage).toBe('invalid x-api-key [REDACTED]');
    expect(cause.headers.get('x-echo')).toBe('[REDACTED]');
    expect((cause.cause as Error).message).not.toContain(key);
  });

  test('the copy keeps the prototype, status and other fields', () => {
    const cause = providerError().cause as VendorAPIError;
    expect(cause).toBeInstanceOf(VendorAPIError);
    expect(cause.status).toBe(401);
    expect(cause.headers.get('x-request-id')).toBe('req_1');
    expect(cause.cause).toBeInstanceOf(TypeError);
  });

  test('a cause without secrets is kept as it is (same object)', () => {
    const clean = new Error('ECONNRESET');
    expect(redactCause(clean)).toBe(clean);
    expect(
      new ProviderError({ kind: 'network', provider: 'a', message: 'x', cause: clean }).cause,
    ).toBe(clean);
  });

  test('cycles and string causes', () => {
    const a: Record<string, unknown> = { text: key };
    a['self'] = a;
    const copy = redactCause(a) as Record<string, unknown>;
    expect(copy['text']).toBe('[REDACTED]');
    expect(copy['self']).toBe(copy);
    expect(redactCause(`boom ${key}`)).toBe('boom [REDACTED]');
  });
});

describe('redactCause bounds', () => {
  test('a huge cause is copied with a bounded number of objects', () => {
    const huge = { items: Array.from({ length: 5000 }, (_, i) => ({ i })) };
    const copy = redactCause(huge) as { items: unknown[] };
    expect(copy).not.toBe(huge);
    expect(copy.items.filter((x) => x === '[…]').length).toBeGreaterThan(0);
  });
});
