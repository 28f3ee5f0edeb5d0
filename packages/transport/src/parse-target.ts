/** What the short path needs of a URL: undici's origin and path, and the normalised href. */
export interface Target {
  origin: string;
  path: string;
  href: string;
  http: boolean;
}

const cache = new Map<string, Target>();
/** An SDK calls a handful of URLs over and over: parse each once (bounded; oldest out first). */
const maxEntries = 256;

/** Parses `url` with `URL` once per distinct string. */
export function parseTarget(url: string): Target {
  let target = cache.get(url);
  if (target) return target;
  const parsed = new URL(url);
  target = {
    origin: parsed.origin,
    path: parsed.pathname + parsed.search,
    href: parsed.href,
    http:
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.username === '' &&
      parsed.password === '',
  };
  if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
  cache.set(url, target);
  return target;
}
