import { describe, expect, test } from 'vitest';
import { parseDurationMs, parseRetryAfterMs } from './retry-after.js';

const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('parseRetryAfterMs', () => {
  test('reads retry-after-ms first', () => {
    expect(
      parseRetryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now),
    ).toBe(1500);
  });

  test('reads retry-after as seconds', () => {
    expect(parseRetryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.5' }, now)).toBe(500);
  });

  test('reads retry-after as an HTTP date, never negative', () => {
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }, now)).toBe(10_000);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
  });

  test('finds headers in a plain record whatever their case, and takes the first of an array', () => {
    expect(parseRetryAfterMs({ 'Retry-After': '3' }, now)).toBe(3000);
    expect(parseRetryAfterMs({ 'retry-after': ['4', '8'] }, now)).toBe(4000);
  });

  test('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '1' }, now)).toBe(1000);
    expect(parseRetryAfterMs({ 'retry-after-ms': '-5', 'retry-after': '1' }, now)).toBe(1000);
  });

  test.each([
    [{ 'retry-after': 'soon' }],
    [{ 'retry-after': '-1' }],
    [{ 'retry-after': '' }],
    [{}],
    [null],
    [undefined],
    [new Headers()],
  ])('is undefined for %j', (headers) => {
    expect(parseRetryAfterMs(headers as never, now)).toBeUndefined();
  });
});

describe('parseDurationMs', () => {
  test.each([
    ['2s', 2000],
    ['0.5s', 500],
    [' 1.2345s ', 1235],
    ['0s', 0],
  ])('%j → %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  test.each([['2m'], ['2'], ['-1s'], ['s'], [''], [undefined]])('is undefined for %j', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
