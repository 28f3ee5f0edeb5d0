// @modelmux/redis/testing: a throw-away redis-server for tests.
export { startRedisServer, hasRedisServer, type RedisServer } from './redis-server.js';
