import { storeSuite } from '@modelmux/testing/store-suite';
import { describe, inject } from 'vitest';
import { redisStore } from './redis-store.js';

// The global setup provides '' when redis-server is missing (and fails the run under CI).
const url = inject('redisUrl');

describe.runIf(url !== '')('redisStore (needs redis-server)', () => {
  storeSuite('redisStore', ({ prefix }) => redisStore({ url, prefix, timeoutMs: 1_000 }));
});
