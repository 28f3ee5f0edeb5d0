const registered = new Set<string>();

/**
 * Key shapes redacted wherever they appear: OpenAI `sk-…`, Anthropic `sk-ant-…`, Groq `gsk_…`,
 * Google `AIza…`, bearer tokens, and `key=`/`api_key=` query parameters.
 */
const patterns: RegExp[] = [
  /\bsk-(?:ant-|proj-|svcacct-)?[A-Za-z0-9_-]{8,}/g,
  /\bgsk_[A-Za-z0-9]{8,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /([?&](?:key|api_key|apikey|access_token)=)[^&\s"']+/gi,
  /((?:x-api-key|x-goog-api-key|api-key)["']?\s*[:=]\s*["']?)[^\s"',}]{6,}/gi,
];

/** The placeholder that replaces a secret. */
export const REDACTED = '[REDACTED]';

/**
 * Registers a secret (an API key) so that `redactSecrets` removes it from every message even
 * when it has no known shape. Adapters register their key when they are created.
 */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 6) registered.add(secret);
}

/** Header names whose values are credentials (a gateway key, a session cookie, a bearer token). */
const credentialHeader =
  /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|x-goog-api-key)$|(?:key|token|secret|password|auth)/i;

/**
 * Registers every credential in a `headers` setting (a gateway key such as `Helicone-Auth`,
 * `x-portkey-api-key`, `cf-aig-authorization`) for redaction, like `registerSecret` does for the
 * API key. A bearer value registers its token too. Adapters call it with their `headers` setting
 * when they are created; other headers (a user agent, a tag) are left alone.
 */
export function registerHeaderSecrets(
  headers: Record<string, string | undefined> | undefined,
): void {
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' || !credentialHeader.test(name)) continue;
    registerSecret(value);
    const token = /^(?:Bearer|Basic|Token)\s+(.+)$/i.exec(value)?.[1];
    registerSecret(token);
  }
}

/** Removes API keys (known shapes, registered secrets and `extra`) from a text. */
export function redactSecrets(text: string, extra: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const secret of extra)
    if (secret && secret.length >= 6 && out.includes(secret))
      out = out.split(secret).join(REDACTED);
  for (const pattern of patterns) {
    out = out.replace(pattern, (_match, prefix?: string) =>
      typeof prefix === 'string' ? prefix + REDACTED : REDACTED,
    );
  }
  return out;
}

/** Copies a header map with every credential header's value redacted. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    const lower = name.toLowerCase();
    out[lower] =
      lower === 'authorization' ||
      lower === 'x-api-key' ||
      lower === 'x-goog-api-key' ||
      lower === 'api-key' ||
      lower === 'proxy-authorization'
        ? text.replace(/^(Bearer\s+)?.*$/i, (_m, bearer?: string) => `${bearer ?? ''}${REDACTED}`)
        : redactSecrets(text);
  }
  return out;
}
