import type { TestProject } from 'vitest/node';
import { hasRedisServer, startRedisServer } from './src/testing/redis-server.js';

/**
 * Starts one real `redis-server` on a free loopback port for this package's tests and stops it
 * after. Without the binary the tests fail in CI (CI=true) and are skipped elsewhere, with a note.
 */
export default async function setup(project: TestProject) {
  if (!hasRedisServer()) {
    if (process.env['CI'])
      throw new Error(
        'redis-server is missing in CI: .ci/run installs it (apt-get install redis-server)',
      );
    console.warn('redis-server not installed: the Redis tests are skipped (they fail in CI).');
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
