import { storeSuite } from '@modelmux/testing/store-suite';
import { describe, inject, test } from 'vitest';
import { redisStore } from './redis-store.js';

const url = inject('redisUrl');

if (url) {
  storeSuite('redisStore', ({ prefix }) => redisStore({ url, prefix, timeoutMs: 1_000 }));
} else {
  describe.skip('redisStore (redis-server not installed; fails in CI)', () => {
    test('store suite', () => undefined);
  });
}
