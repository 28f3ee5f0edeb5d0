import type { TestProject } from 'vitest/node';
import { requireRedisServer, startRedisServer } from './src/testing/redis-server.js';

/**
 * Starts one real `redis-server` on a free loopback port for this package's tests and stops it
 * after. Without the binary `requireRedisServer` decides: fail under CI, skip with one note elsewhere.
 */
export default async function setup(project: TestProject) {
  if (!requireRedisServer("@modelmux/redis's tests")) {
    project.provide('redisUrl', '');
    return;
  }
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
