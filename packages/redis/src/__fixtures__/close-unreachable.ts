// Run as a child process by redis-lifecycle.test.ts: a store on a port nobody listens on, one
// call, then close(); the test measures how long the process takes to exit after that.
import { redisStore } from '../redis-store.js';

const store = redisStore({ url: `redis://127.0.0.1:${process.argv[2]}`, timeoutMs: 250 });
await store.get('k').catch(() => undefined);
await store.subscribe?.('ch', () => undefined).catch(() => undefined);
await store.close();
process.stdout.write(`closed ${Date.now()}\n`);
