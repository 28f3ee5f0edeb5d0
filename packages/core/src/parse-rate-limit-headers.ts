import type { RateLimitInfo } from './engine/rate-limit-info.js';
import { type HeaderLookup, readHeader } from './retry-after.js';

/** The header dialects `parseRateLimitHeaders` reads. */
export type RateLimitVendor = 'openai' | 'groq' | 'anthropic';

const unitMs: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/**
 * Parses a Go-style duration as OpenAI and Groq send in `x-ratelimit-reset-*` (`6m0s`, `1s`,
 * `20ms`, `1h2m3.5s`, `7.66s`) to ms; a bare number is seconds. Undefined when unreadable.
 */
export function parseResetDurationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const part = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let read = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    total += Number(match[1]) * (unitMs[match[2] as string] ?? 0);
    read = part.lastIndex;
  }
  return read === text.length ? total : undefined;
}

function count(headers: HeaderLookup, name: string): number | undefined {
  const value = readHeader(headers, name);
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function set(info: RateLimitInfo, key: keyof RateLimitInfo, value: number | undefined): void {
  if (value !== undefined) info[key] = value;
}

function openAIStyle(headers: HeaderLookup, now: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  for (const [unit, limit, remaining, reset] of [
    ['requests', 'limitRequests', 'remainingRequests', 'resetRequestsAt'],
    ['tokens', 'limitTokens', 'remainingTokens', 'resetTokensAt'],
  ] as const) {
    set(info, limit, count(headers, `x-ratelimit-limit-${unit}`));
    set(info, remaining, count(headers, `x-ratelimit-remaining-${unit}`));
    const resetMs = parseResetDurationMs(readHeader(headers, `x-ratelimit-reset-${unit}`));
    set(info, reset, resetMs === undefined ? undefined : now + resetMs);
  }
  return info;
}

function anthropicStyle(headers: HeaderLookup): RateLimitInfo {
  const info: RateLimitInfo = {};
  for (const [unit, limit, remaining, reset] of [
    ['requests', 'limitRequests', 'remainingRequests', 'resetRequestsAt'],
    ['tokens', 'limitTokens', 'remainingTokens', 'resetTokensAt'],
    ['input-tokens', 'limitInputTokens', 'remainingInputTokens', 'resetInputTokensAt'],
    ['output-tokens', 'limitOutputTokens', 'remainingOutputTokens', 'resetOutputTokensAt'],
  ] as const) {
    set(info, limit, count(headers, `anthropic-ratelimit-${unit}-limit`));
    set(info, remaining, count(headers, `anthropic-ratelimit-${unit}-remaining`));
    const at = Date.parse(readHeader(headers, `anthropic-ratelimit-${unit}-reset`) ?? '');
    set(info, reset, Number.isNaN(at) ? undefined : at);
  }
  return info;
}

/**
 * Reads a vendor's remaining quota from its response headers: OpenAI and Groq
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (resets as durations such as `6m0s`,
 * made absolute from `now`), Anthropic `anthropic-ratelimit-{requests,tokens,input-tokens,
 * output-tokens}-{limit,remaining,reset}` (resets as RFC 3339 times). Returns `undefined` when
 * the response carries none of them, so a result only gets `rateLimit` when there is one.
 *
 * @example
 * ```ts
 * const { data, response } = await client.chat.completions.create(body).withResponse();
 * const rateLimit = parseRateLimitHeaders('openai', response.headers, Date.now());
 * ```
 */
export function parseRateLimitHeaders(
  vendor: RateLimitVendor,
  headers: HeaderLookup,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const info = vendor === 'anthropic' ? anthropicStyle(headers) : openAIStyle(headers, now);
  return Object.keys(info).length > 0 ? info : undefined;
}
