// @modelmux/transport: a pooled keep-alive fetch (undici) for the adapters' SDKs.
// First: keeps Node's fetch on its own dispatcher when undici loads (see the file).
import './keep-node-dispatcher.js';
export { createPooledFetch, pooledFetchDefaults, type PooledFetch } from './create-pooled-fetch.js';
export { type PooledFetchOptions } from './pooled-fetch-options.js';
export { sharedPooledFetch } from './shared-pooled-fetch.js';
