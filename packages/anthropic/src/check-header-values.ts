import { ConfigError, type ConfigIssue } from '@modelmux/core';

/** What fetch refuses in a header value: control characters (CR, LF, NUL…) and anything beyond Latin-1. */
const notAllowed = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Checks at creation that the key and every header value can be sent as an HTTP header, so a
 * pasted key with a newline (or a curly quote) is a `ConfigError` naming the setting instead
 * of a `TypeError` at the first call that looks like a failed connection.
 */
export function checkHeaderValues(
  apiKey: string | undefined,
  headers: Record<string, string> | undefined,
): void {
  const issues: ConfigIssue[] = [];
  const fix =
    'has a character not allowed in an HTTP header (a newline, a control character or a non-Latin-1 character): check the value you pasted';
  if (apiKey !== undefined && notAllowed.test(apiKey))
    issues.push({ path: 'apiKey', message: fix });
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string' || notAllowed.test(value))
      issues.push({
        path: `headers.${name}`,
        message: typeof value === 'string' ? fix : 'must be a string',
      });
  }
  if (issues.length > 0) throw new ConfigError({ issues });
}
