import { createPooledFetch, type PooledFetch } from './create-pooled-fetch.js';

let shared: PooledFetch | undefined;

/**
 * The process-wide pooled fetch (made on first use with the default options): what the
 * adapters send through when no `fetch` is given, so every adapter instance in the process
 * shares one pool of keep-alive sockets per origin, as Node's global fetch shares its global
 * dispatcher. Idle sockets do not keep the process alive. Its `close()` is for tests and
 * shutdown hooks; the next call after it makes a new pool.
 */
export function sharedPooledFetch(): PooledFetch {
  if (shared) return shared;
  const made = createPooledFetch();
  const close = made.close;
  shared = Object.assign(made, {
    close: () => {
      if (shared === made) shared = undefined;
      return close();
    },
  });
  return made;
}
