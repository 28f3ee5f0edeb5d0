import { Agent, type Dispatcher } from 'undici';
import type { PooledFetchOptions } from './pooled-fetch-options.js';
import { parseTarget } from './parse-target.js';
import { requestHeaders } from './request-headers.js';
import { toResponse } from './to-response.js';

/** A `fetch` on a pool of keep-alive sockets; pass it as an SDK's (or an adapter's) `fetch`. */
export type PooledFetch = typeof globalThis.fetch & {
  /** The undici dispatcher the requests go through. */
  readonly dispatcher: Dispatcher;
  /**
   * Closes the pool's sockets once their requests finish (the agent this fetch made; a
   * `dispatcher` passed in is left to its owner). Later calls reject with `TypeError('fetch failed')`.
   */
  close(): Promise<void>;
};

const redirectStatus = new Set([301, 302, 303, 307, 308]);

/** The default `Agent` settings: see {@link PooledFetchOptions}. */
export const pooledFetchDefaults = {
  connections: 64,
  keepAliveTimeoutMs: 30_000,
  keepAliveMaxTimeoutMs: 600_000,
  pipelining: 1,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 0,
  bodyTimeoutMs: 300_000,
} as const satisfies Required<Omit<PooledFetchOptions, 'dispatcher'>>;

function checkOptions(options: PooledFetchOptions): void {
  for (const [name, min] of [
    ['connections', 1],
    ['pipelining', 1],
    ['keepAliveTimeoutMs', 1],
    ['keepAliveMaxTimeoutMs', 1],
    ['connectTimeoutMs', 0],
    ['headersTimeoutMs', 0],
    ['bodyTimeoutMs', 0],
  ] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < min))
      throw new RangeError(
        `createPooledFetch: ${name} must be an integer >= ${min} (got ${String(value)})`,
      );
  }
}

/** A body the fast path sends as it is; anything else (FormData, Blob, a stream) goes through Node's fetch. */
function plainBody(body: unknown): string | Uint8Array | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return false;
}

/**
 * Makes a `fetch` that sends through an undici `Agent` with keep-alive sockets pooled per
 * origin (`connections` each, no pipelining). Plain requests (a URL, a string or byte body)
 * take a short path on `dispatcher.request` and come back as a global `Response`; anything
 * else (a `Request` object, FormData, a streamed body, a redirect to follow) goes through
 * Node's `fetch` on the same pool. A caller's abort signal, and so an SDK's timeout,
 * reaches the socket before the headers and while the body streams.
 *
 * @example
 * ```ts
 * import OpenAI from 'openai';
 * import { createPooledFetch } from '@modelmux/transport';
 *
 * const fetch = createPooledFetch({ connections: 32 });
 * const client = new OpenAI({ apiKey, fetch });
 * // …
 * await fetch.close();
 * ```
 */
export function createPooledFetch(options: PooledFetchOptions = {}): PooledFetch {
  checkOptions(options);
  const settings = { ...pooledFetchDefaults, ...options };
  const owned = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({
      connections: settings.connections,
      pipelining: settings.pipelining,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      keepAliveMaxTimeout: settings.keepAliveMaxTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
    });
  let closing: Promise<void> | undefined;

  // Node's own fetch, told to send through our pool: it knows the global FormData, Blob and
  // Request classes the caller's objects are made of (undici 7's fetch has its own).
  const viaFetch = (input: Parameters<typeof fetch>[0], init: RequestInit | undefined) =>
    globalThis.fetch(input, { ...init, dispatcher } as unknown as RequestInit);

  const pooledFetch = async (
    input: Parameters<typeof fetch>[0],
    init?: RequestInit,
  ): Promise<Response> => {
    const body = plainBody(init?.body);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    if (url === undefined || body === false) return viaFetch(input, init);
    // Credentials in the URL and other schemes: Node's fetch says what it thinks of them.
    const target = parseTarget(url);
    if (!target.http) return viaFetch(input, init);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = requestHeaders(init?.headers);
    if (typeof body === 'string' && headers['content-type'] === undefined)
      headers['content-type'] = 'text/plain;charset=UTF-8';
    let answer: Dispatcher.ResponseData;
    try {
      answer = await dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal: signal as Dispatcher.RequestOptions['signal'],
      });
    } catch (error) {
      throw fetchError(error, signal);
    }
    if (
      redirectStatus.has(answer.statusCode) &&
      answer.headers.location !== undefined &&
      init?.redirect !== 'manual'
    ) {
      // Redirects are rare on an API: Node's fetch follows them by the spec.
      await answer.body.dump();
      return viaFetch(input, init);
    }
    try {
      return await toResponse(answer, method, target.href, signal);
    } catch (error) {
      throw fetchError(error, signal);
    }
  };

  return Object.assign(pooledFetch, {
    dispatcher,
    close(): Promise<void> {
      closing ??= owned ? dispatcher.close() : Promise.resolve();
      return closing;
    },
  }) as PooledFetch;
}

/** What fetch rejects with: the signal's reason after an abort, else `TypeError('fetch failed')` with the cause. */
function fetchError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof TypeError) return error;
  return new TypeError('fetch failed', { cause: error });
}
