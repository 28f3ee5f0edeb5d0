/** Anything that can look up a response header by name (a `Headers`, or a plain map). */
export type HeaderLookup =
  | { get(name: string): string | null | undefined }
  | Record<string, string | string[] | undefined>
  | undefined
  | null;

/** One response header by name (case-insensitive for a plain map); the first of several values. */
export function readHeader(headers: HeaderLookup, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const value =
    record[name] ??
    record[name.toLowerCase()] ??
    Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a response asks the client to wait, in ms: `retry-after-ms` first, then
 * `retry-after` as seconds or as an HTTP date (as openai-node reads them). Undefined when
 * absent or unreadable; never negative.
 */
export function parseRetryAfterMs(
  headers: HeaderLookup,
  now: number = Date.now(),
): number | undefined {
  const ms = readHeader(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = readHeader(headers, 'retry-after');
  if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses a protobuf duration string such as Gemini's RetryInfo `retryDelay` ("2s", "0.5s") to ms. */
export function parseDurationMs(duration: string | undefined): number | undefined {
  if (!duration) return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
