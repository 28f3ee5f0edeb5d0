import { redactSecrets } from './redact.js';

/** How deep a cause chain (or an SDK error's body) is copied; deeper values are cut off. */
const maxDepth = 8;
/** How many objects of one cause are read at most (an SDK error can hold a socket or a response). */
const maxObjects = 2000;
/** The placeholder for a value deeper than `maxDepth` (or past `maxObjects`). */
const tooDeep = '[…]';

function isHeaders(value: object): value is Headers {
  return typeof Headers !== 'undefined' && value instanceof Headers;
}

/**
 * An own property's descriptor, as data. Since V8 12 (Node 21+) an error's `stack` is an own
 * accessor that reads the error's internal state: a copy would keep the getter but not the state
 * (its `stack` reads `undefined`), and the getter's text would go unread. Read it as a value.
 */
function dataDescriptor(value: object, key: string): PropertyDescriptor | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  if (!descriptor || 'value' in descriptor || key !== 'stack' || !(value instanceof Error))
    return descriptor;
  return {
    value: Reflect.get(value, key),
    writable: true,
    enumerable: descriptor.enumerable ?? false,
    configurable: true,
  };
}

/** True when any string reachable from `value` holds a secret (an O(size) read; no copy). */
function holdsSecret(value: unknown, seen: Set<object>, depth: number): boolean {
  if (typeof value === 'string') return value !== '' && redactSecrets(value) !== value;
  if (typeof value !== 'object' || value === null || depth > maxDepth || seen.has(value))
    return false;
  // Too big to read through: copy it (the copy is bounded the same way) rather than trust it.
  if (seen.size >= maxObjects) return true;
  seen.add(value);
  if (isHeaders(value)) {
    for (const [, v] of value) if (redactSecrets(v) !== v) return true;
    return false;
  }
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = dataDescriptor(value, key);
    if (descriptor && 'value' in descriptor && holdsSecret(descriptor.value, seen, depth + 1))
      return true;
  }
  return false;
}

/** A copy of `value` with every string redacted; the same prototype, so `instanceof` still holds. */
function copyRedacted(value: unknown, copies: Map<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  if (depth > maxDepth || copies.size >= maxObjects) return tooDeep;
  if (isHeaders(value)) {
    const headers = new Headers();
    for (const [k, v] of value) headers.append(k, redactSecrets(v));
    copies.set(value, headers);
    return headers;
  }
  const copy: object = Array.isArray(value)
    ? []
    : (Object.create(Object.getPrototypeOf(value) as object | null) as object);
  copies.set(value, copy);
  for (const key of Object.getOwnPropertyNames(value)) {
    const descriptor = dataDescriptor(value, key);
    if (!descriptor) continue;
    if ('value' in descriptor)
      descriptor.value = copyRedacted(descriptor.value, copies, depth + 1) as never;
    Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}

/**
 * The `cause` a modelmux error keeps: the original when nothing in its chain holds a secret,
 * otherwise a copy with every string redacted (`message`, `stack`, an SDK error's `error` body
 * and `apiMessage`, its `headers`, nested `cause`s, to a depth of 8). The copy keeps the
 * prototype, so `instanceof` and the SDK's own getters still work, and `util.inspect` (what
 * `console.error` prints) shows no key.
 */
export function redactCause(cause: unknown): unknown {
  if (cause === undefined || cause === null) return cause;
  if (!holdsSecret(cause, new Set(), 0)) return cause;
  return copyRedacted(cause, new Map(), 0);
}
