import type { Dispatcher } from 'undici';

/** Settings of {@link createPooledFetch}; every one has a default fit for an LLM API. */
export interface PooledFetchOptions {
  /**
   * Sockets kept per origin (scheme + host + port). Requests beyond this wait for a free socket
   * instead of opening more. Default 64.
   */
  connections?: number;
  /** How long an idle socket is kept open for the next request, ms. Default 30 000. */
  keepAliveTimeoutMs?: number;
  /** The longest keep-alive a server's `Keep-Alive: timeout=` hint may extend it to, ms. Default 600 000. */
  keepAliveMaxTimeoutMs?: number;
  /**
   * Requests sent on one socket before the previous answer arrived. Default 1: no pipelining,
   * since a POST to an LLM API is not idempotent and a pipelined one is lost with its socket.
   */
  pipelining?: number;
  /** Time to open a socket (TCP + TLS), ms. Default 10 000. */
  connectTimeoutMs?: number;
  /**
   * Longest wait for the response headers, ms; 0 for none. Default 0: the SDK's and the
   * adapter's own timeouts (an abort signal) bound the call, and a slow model may think for minutes.
   */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks (a stream's tokens), ms; 0 for none. Default 300 000. */
  bodyTimeoutMs?: number;
  /**
   * An undici dispatcher to send through instead of a new `Agent` (a `Pool`, a `ProxyAgent`,
   * a `MockAgent` in tests). `close()` then leaves it open: its owner closes it.
   */
  dispatcher?: Dispatcher;
}
