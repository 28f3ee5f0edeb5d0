import type { RateLimitInfo } from '@modelmux/core';

/** A response's headers (a fetch `Headers`). */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Reads OpenAI's and Groq's `x-ratelimit-*` headers (limit, remaining and reset of requests and
 * tokens; resets are durations such as `6m0s`, `20ms`, `7.66s`) into a `RateLimitInfo` with
 * resets as epoch ms from `now`. `undefined` when the response sends neither remaining count:
 * two header lookups is all a response without them costs.
 */
export function readOpenAICompatibleRateLimit(
  headers: HeaderReader | null | undefined,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const remainingRequests = headers.get('x-ratelimit-remaining-requests');
  const remainingTokens = headers.get('x-ratelimit-remaining-tokens');
  if (remainingRequests === null && remainingTokens === null) return undefined;
  const info: RateLimitInfo = {};
  setCount(info, 'remainingRequests', remainingRequests);
  setCount(info, 'remainingTokens', remainingTokens);
  setCount(info, 'limitRequests', headers.get('x-ratelimit-limit-requests'));
  setCount(info, 'limitTokens', headers.get('x-ratelimit-limit-tokens'));
  setReset(info, 'resetRequestsAt', headers.get('x-ratelimit-reset-requests'), now);
  setReset(info, 'resetTokensAt', headers.get('x-ratelimit-reset-tokens'), now);
  return info;
}

type CountField = 'limitRequests' | 'remainingRequests' | 'limitTokens' | 'remainingTokens';

function setCount(info: RateLimitInfo, field: CountField, value: string | null): void {
  if (value === null || value.trim() === '') return;
  const count = Number(value);
  if (Number.isFinite(count) && count >= 0) info[field] = count;
}

function setReset(
  info: RateLimitInfo,
  field: 'resetRequestsAt' | 'resetTokensAt',
  value: string | null,
  now: number,
): void {
  const ms = parseResetDurationMs(value);
  if (ms !== undefined) info[field] = now + ms;
}

const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Parses a Go-style duration (`1h2m3.5s`, `6m0s`, `20ms`) or plain seconds (`7.66`) to ms. */
export function parseResetDurationMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    total += Number(amount) * (unitMs[unit as string] ?? 0);
  return Math.round(total);
}
