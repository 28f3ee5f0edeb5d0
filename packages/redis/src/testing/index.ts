// @modelmux/redis/testing: a throw-away redis-server for tests.
export {
  startRedisServer,
  hasRedisServer,
  requireRedisServer,
  type RedisServer,
} from './redis-server.js';
