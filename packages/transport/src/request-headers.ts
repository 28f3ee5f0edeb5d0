/** A fetch `HeadersInit` (a `Headers`, `[name, value]` pairs or a record) as undici's lower-case header record. */
export function requestHeaders(init: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined || init === null) return out;
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const seen = out[key];
    // Repeated names are joined as fetch's Headers joins them.
    out[key] = seen === undefined ? String(value) : `${seen}, ${value}`;
  };
  if (init instanceof Headers) {
    init.forEach((value, name) => add(name, value));
  } else if (Array.isArray(init)) {
    for (const pair of init as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2)
        throw new TypeError('fetch: each header pair must be [name, value]');
      add(String(pair[0]), String(pair[1]));
    }
  } else if (typeof init === 'object' && Symbol.iterator in init) {
    // Another Headers implementation (an SDK's polyfill): iterate its [name, value] pairs.
    for (const [name, value] of init as Iterable<[string, string]>) add(name, value);
  } else if (typeof init === 'object') {
    for (const name of Object.keys(init)) {
      const value = (init as Record<string, unknown>)[name];
      if (value !== undefined) add(name, String(value));
    }
  } else {
    throw new TypeError('fetch: headers must be a Headers, an array of pairs or a record');
  }
  return out;
}
