import { createHash, timingSafeEqual } from 'node:crypto';

/** The bearer token of a request (`authorization: Bearer …`, else Anthropic's `x-api-key`). */
export function presentedKey(headers: Headers): string | undefined {
  const auth = headers.get('authorization');
  if (auth) {
    const match = /^Bearer\s+(.+)$/i.exec(auth);
    return match?.[1]?.trim() || undefined;
  }
  return headers.get('x-api-key')?.trim() || undefined;
}

/** Compares a presented secret with the master key in constant time (over their hashes). */
export function masterKeyCheck(masterKey: string): (presented: string | undefined) => boolean {
  const expected = createHash('sha256').update(masterKey).digest();
  return (presented) =>
    presented !== undefined &&
    timingSafeEqual(createHash('sha256').update(presented).digest(), expected);
}

/** The value of one cookie in a `cookie` header. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
