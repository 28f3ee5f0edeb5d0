import type { ConfigIssue } from './errors/config-error.js';

/** What fetch refuses in a header value: control characters (CR, LF, NUL…) and anything beyond Latin-1. */
const notAllowedInValue = /[^\t\x20-\x7e\x80-\xff]/;
/** An HTTP header name (an RFC 9110 token). */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const valueFix =
  'has a character not allowed in an HTTP header (a newline, a control character or a non-Latin-1 character): check the value you pasted';

/**
 * The problems with an adapter's `apiKey` and `headers` settings that would make every call fail
 * before it leaves (fetch throws a `TypeError` that looks like a failed connection): a value with
 * a newline, a control or non-Latin-1 character, a header that is not a string, a header name
 * that is not a token. An adapter's factory turns them into a `ConfigError` at creation. The
 * issues name the setting (`apiKey`, `headers.x-team`), never the value.
 *
 * @example
 * const issues = headerSettingIssues(apiKey, settings.headers);
 * if (issues.length > 0) throw new ConfigError({ issues });
 */
export function headerSettingIssues(
  apiKey: string | undefined,
  headers: Record<string, string> | undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (apiKey !== undefined && notAllowedInValue.test(apiKey))
    issues.push({ path: 'apiKey', message: valueFix });
  for (const [name, value] of Object.entries(headers ?? {})) {
    const path = `headers.${name}`;
    if (!headerName.test(name))
      issues.push({ path, message: 'is not a valid HTTP header name (letters, digits, - and _)' });
    else if (typeof value !== 'string') issues.push({ path, message: 'must be a string' });
    else if (notAllowedInValue.test(value)) issues.push({ path, message: valueFix });
  }
  return issues;
}
