import { describe, expect, test } from 'vitest';
import type { EmbedRequest } from './embed.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { validateEmbedRequest } from './validate-embed-request.js';

describe('validateEmbedRequest', () => {
  test.each([
    ['request', null],
    ['input', { input: [] }],
    ['input', { input: 'text' }],
    ['input.1', { input: ['a', 2] }],
    ['model', { input: ['a'], model: '' }],
    ['dimensions', { input: ['a'], dimensions: 1.5 }],
    ['signal', { input: ['a'], signal: {} }],
    ['metadata', { input: ['a'], metadata: 'x' }],
  ])('names %s', (field, request) => {
    let error: unknown;
    try {
      validateEmbedRequest(request as EmbedRequest);
    } catch (e) {
      error = e;
    }
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).field).toBe(field);
  });

  test('accepts a valid request', () => {
    expect(() =>
      validateEmbedRequest({
        input: ['a', 'b'],
        model: 'm',
        dimensions: 8,
        signal: new AbortController().signal,
      }),
    ).not.toThrow();
  });
});
