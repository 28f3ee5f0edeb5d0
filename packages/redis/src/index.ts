// @modelmux/redis: a Redis store (ioredis) for modelmux fleets.
export { redisStore, RedisStoreError, type RedisStoreOptions } from './redis-store.js';
