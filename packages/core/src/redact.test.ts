import { describe, expect, test } from 'vitest';
import { ProviderError } from './errors/provider-error.js';
import { REDACTED, redactHeaders, redactSecrets, registerSecret } from './redact.js';

describe('redactSecrets', () => {
  test.each([
    ['OpenAI', 'sk-proj-Abc123def456Ghi789jkl'],
    ['OpenAI legacy', 'sk-Abc123def456Ghi789jkl012'],
    ['Anthropic', 'sk-ant-api03-Abc123def456_Ghi-789'],
    ['Groq', 'gsk_Abc123def456Ghi789jkl012'],
    ['Google', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6'],
  ])('removes a %s key', (_vendor, key) => {
    const out = redactSecrets(`request failed for key ${key} (check it)`);
    expect(out).not.toContain(key);
    expect(out).toBe(`request failed for key ${REDACTED} (check it)`);
  });

  test('removes a bearer token but keeps the scheme', () => {
    expect(redactSecrets('Authorization: Bearer abc.DEF-123_456~xyz')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
  });

  test('removes key query parameters and keeps the rest of the URL', () => {
    expect(
      redactSecrets(
        'GET https://x.example/v1beta/models/g:generateContent?key=AIzaSy-secret&alt=sse failed',
      ),
    ).toBe(`GET https://x.example/v1beta/models/g:generateContent?key=${REDACTED}&alt=sse failed`);
    expect(redactSecrets('https://x.example/a?alt=sse&api_key=plain-secret-1')).toBe(
      `https://x.example/a?alt=sse&api_key=${REDACTED}`,
    );
  });

  test('removes header-style credentials in text', () => {
    expect(redactSecrets('{"x-api-key": "abcdefgh123"}')).toBe(`{"x-api-key": "${REDACTED}"}`);
    expect(redactSecrets('x-goog-api-key=abcdefgh123')).toBe(`x-goog-api-key=${REDACTED}`);
  });

  test('removes a registered secret that has no known shape, and extra secrets passed in', () => {
    const secret = 'plainsecret-7d41c2e9';
    expect(redactSecrets(`failed with ${secret}`)).toContain(secret);
    registerSecret(secret);
    expect(redactSecrets(`failed with ${secret} and again ${secret}`)).toBe(
      `failed with ${REDACTED} and again ${REDACTED}`,
    );
    expect(redactSecrets('token=localonly-9f8e7d', ['localonly-9f8e7d'])).toBe(`token=${REDACTED}`);
  });

  test('leaves ordinary text and too-short values alone', () => {
    registerSecret('abc');
    registerSecret(undefined);
    expect(redactSecrets('the abc model skipped a task; sk-1 is not a key')).toBe(
      'the abc model skipped a task; sk-1 is not a key',
    );
  });

  test('error messages are redacted when built', () => {
    const error = new ProviderError({
      kind: 'auth',
      provider: 'openai',
      message: 'Incorrect API key provided: sk-proj-Abc123def456Ghi789jkl',
    });
    expect(error.message).toBe(`Incorrect API key provided: ${REDACTED}`);
  });
});

describe('redactHeaders', () => {
  test('redacts credential headers, lower-cases names, joins arrays and drops undefined', () => {
    expect(
      redactHeaders({
        Authorization: 'Bearer sk-proj-Abc123def456Ghi789jkl',
        'x-api-key': 'sk-ant-api03-abcdefghijkl',
        'X-Goog-Api-Key': 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6',
        'api-key': 'azure-key',
        'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
        'Content-Type': 'application/json',
        Accept: ['text/event-stream', 'application/json'],
        'x-debug': 'seen sk-proj-Abc123def456Ghi789jkl here',
        'x-none': undefined,
      }),
    ).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-api-key': REDACTED,
      'x-goog-api-key': REDACTED,
      'api-key': REDACTED,
      'proxy-authorization': REDACTED,
      'content-type': 'application/json',
      accept: 'text/event-stream, application/json',
      'x-debug': `seen ${REDACTED} here`,
    });
  });
});

describe('registerHeaderSecrets', () => {
  test('registers credential headers (and a bearer token), leaves the others', async () => {
    const { registerHeaderSecrets } = await import('./redact.js');
    registerHeaderSecrets({
      'Helicone-Auth': 'Bearer hlc-9f8e7d6c5b4a',
      'x-portkey-api-key': 'pk-0a1b2c3d4e',
      'user-agent': 'my-app/1.2.3',
    });
    expect(redactSecrets('hlc-9f8e7d6c5b4a and pk-0a1b2c3d4e')).toBe(`${REDACTED} and ${REDACTED}`);
    expect(redactSecrets('my-app/1.2.3')).toBe('my-app/1.2.3');
  });
});
