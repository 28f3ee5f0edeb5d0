import {
  type BudgetCounter,
  type ReserveResult,
  type Store,
  type TakeResult,
  redactSecrets,
  registerSecret,
} from '@modelmux/core';
import { Redis, type RedisOptions } from 'ioredis';
import {
  incrementScript,
  readBudgetsScript,
  reserveScript,
  settleScript,
  takeScript,
} from './lua-scripts.js';

/** Options of `redisStore()`. */
export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` (TLS). Never logged or put in errors. */
  url: string;
  /** Prepended to every key and channel (default `'modelmux:'`). */
  prefix?: string;
  /**
   * The longest any store call may take, in ms (default 250): a command without an answer, or
   * a connection that is not ready, rejects after it. Nothing waits longer on Redis.
   */
  timeoutMs?: number;
  /** Extra ioredis options (merged under ours; ours win for the ones that keep calls from hanging). */
  redis?: RedisOptions;
  /** Connection errors, for logs (ioredis reconnects on its own). */
  onError?: (error: unknown) => void;
}

/** A store call failed: Redis unreachable, too slow, or refused the command. */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(redactSecrets(message), options);
  }
}

interface ScriptCommands {
  mmReserve(...args: (string | number)[]): Promise<(string | number)[]>;
  mmSettle(...args: (string | number)[]): Promise<number>;
  mmReadBudgets(...args: (string | number)[]): Promise<string[]>;
  mmTake(...args: (string | number)[]): Promise<(string | number)[]>;
  mmIncrement(...args: (string | number)[]): Promise<string>;
}

type Client = Redis & ScriptCommands;

function defineScripts(client: Redis): Client {
  client.defineCommand('mmReserve', { lua: reserveScript });
  client.defineCommand('mmSettle', { lua: settleScript });
  client.defineCommand('mmReadBudgets', { lua: readBudgetsScript });
  client.defineCommand('mmTake', { lua: takeScript });
  client.defineCommand('mmIncrement', { lua: incrementScript });
  return client as Client;
}

/** Keeps the URL's password out of every modelmux error message. */
function registerPassword(url: string): void {
  try {
    const password = new URL(url).password;
    if (password) registerSecret(decodeURIComponent(password));
  } catch {
    // not a parseable URL: ioredis reports it
  }
}

/** Key of a counter's holds. */
const holdsOf = (counter: string) => `${counter}:holds`;

/**
 * A `Store` on Redis (ioredis): budgets, rate-limit windows, provider marks, assignments and
 * cached responses shared by every process that uses the same Redis and prefix. Reservations,
 * settles and window takes are Lua scripts (atomic on the server); keys carry the prefix and
 * expire with their period.
 *
 * Never hangs a request: commands are not queued while disconnected (they reject after at most
 * `timeoutMs` waiting for the connection), every command has `timeoutMs`, and ioredis reconnects
 * on its own with backoff, so calls succeed again as soon as Redis is back.
 *
 * @example
 * const store = redisStore({ url: 'redis://127.0.0.1:6379', prefix: 'myapp:' });
 * const budgets = createBudgets({ store, dailyCostLimit: 50 });
 */
export function redisStore(options: RedisStoreOptions): Store {
  const prefix = options.prefix ?? 'modelmux:';
  const timeoutMs = options.timeoutMs ?? 250;
  const report = options.onError ?? ((): void => undefined);
  registerPassword(options.url);
  const settings: RedisOptions = {
    ...options.redis,
    keyPrefix: prefix,
    // Fail fast instead of queueing: a queued reserve could run long after its caller gave up.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, options.redis?.connectTimeout ?? 2_000),
    // ioredis waits this long for a socket that never connected to emit "close" on disconnect()
    // (default 2 s, keeping the process alive after close() when Redis was unreachable).
    disconnectTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
  };
  const client = defineScripts(new Redis(options.url, settings));
  client.on('error', report);
  let subscriber: Redis | undefined;
  const listeners = new Map<string, Set<(message: string) => void>>();
  let closed = false;

  /**
   * One pending "ready" per connection, shared by every call that waits for it: one listener on
   * the connection however many calls start before it connects (ioredis warns past 10).
   */
  const readiness = new Map<Redis, Promise<void>>();
  /** Rejects every call still waiting for a connection (on `close()`). */
  const waiting = new Set<(error: RedisStoreError) => void>();

  function readyEvent(connection: Redis): Promise<void> {
    let pending = readiness.get(connection);
    if (!pending) {
      pending = new Promise<void>((resolve) => {
        connection.once('ready', () => {
          readiness.delete(connection);
          resolve();
        });
      });
      readiness.set(connection, pending);
    }
    return pending;
  }

  /** Waits (at most `timeoutMs`) for `connection` to be ready. */
  function ready(connection: Redis): Promise<void> {
    if (closed) return Promise.reject(new RedisStoreError('redisStore is closed'));
    if (connection.status === 'ready') return Promise.resolve();
    if (connection.status === 'end')
      return Promise.reject(new RedisStoreError('Redis connection ended'));
    return new Promise((resolve, reject) => {
      const done = (error?: RedisStoreError): void => {
        clearTimeout(timer);
        waiting.delete(done);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => done(new RedisStoreError(`Redis not reachable within ${timeoutMs}ms`)),
        timeoutMs,
      );
      waiting.add(done);
      readyEvent(connection).then(() => done(), reject);
    });
  }

  async function run<T>(call: () => Promise<T>, connection: Redis = client): Promise<T> {
    await ready(connection);
    try {
      return await call();
    } catch (error) {
      throw new RedisStoreError(
        `Redis call failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  function subscriberConnection(): Redis {
    if (!subscriber) {
      subscriber = new Redis(options.url, { ...settings, keyPrefix: undefined });
      subscriber.on('error', report);
      subscriber.on('message', (channel: string, message: string) => {
        for (const listener of listeners.get(channel) ?? []) listener(message);
      });
    }
    return subscriber;
  }

  return {
    kind: 'redis',
    async get(key) {
      const value = await run(() => client.get(key));
      return value ?? undefined;
    },
    async set(key, value, ttlMs) {
      await run(() =>
        ttlMs === undefined
          ? client.set(key, value)
          : client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs))),
      );
    },
    async setIfAbsent(key, value, ttlMs) {
      const result = await run(() =>
        ttlMs === undefined
          ? client.set(key, value, 'NX')
          : client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'),
      );
      return result === 'OK';
    },
    async delete(key) {
      await run(() => client.del(key));
    },
    async increment(key, amount, ttlMs) {
      const value = await run(() =>
        client.mmIncrement(1, key, String(amount), ttlMs === undefined ? '' : Math.ceil(ttlMs)),
      );
      return Number(value);
    },
    async reserve(request): Promise<ReserveResult> {
      const keys = [`res:${request.id}`];
      for (const limit of request.limits) keys.push(limit.key, holdsOf(limit.key));
      const recordTtl = Math.ceil(Math.max(request.holdMs, ...request.limits.map((l) => l.ttlMs)));
      const reply = await run(() =>
        client.mmReserve(
          keys.length,
          ...keys,
          request.id,
          String(request.amount),
          request.now + request.holdMs,
          request.now,
          recordTtl,
          ...request.limits.map((l) => String(l.limit)),
          ...request.limits.map((l) => Math.ceil(l.ttlMs)),
        ),
      );
      if (Number(reply[0]) === 1) {
        const counters: BudgetCounter[] = [];
        for (let i = 1; i < reply.length; i += 2)
          counters.push({ spent: Number(reply[i]), reserved: Number(reply[i + 1]) });
        return { ok: true, counters };
      }
      const limit = request.limits[Number(reply[1]) - 1];
      if (limit === undefined)
        throw new RedisStoreError(
          `the reserve script named budget ${String(reply[1])} of ${request.limits.length}`,
        );
      return { ok: false, key: limit.key, limit: limit.limit, used: Number(reply[2]) };
    },
    async settle(id, actualAmount, limits) {
      const keys = [`res:${id}`, ...(limits ?? []).map((l) => l.key)];
      const ttl = Math.ceil(Math.max(60_000, ...(limits ?? []).map((l) => l.ttlMs)));
      await run(() =>
        client.mmSettle(
          keys.length,
          ...keys,
          id,
          String(actualAmount),
          ttl,
          ...(limits ?? []).map((l) => Math.ceil(l.ttlMs)),
        ),
      );
    },
    async readBudgets(keys, now) {
      if (!keys.length) return [];
      const all = keys.flatMap((key) => [key, holdsOf(key)]);
      const reply = await run(() => client.mmReadBudgets(all.length, ...all, now));
      return keys.map((_, i) => ({
        spent: Number(reply[2 * i]),
        reserved: Number(reply[2 * i + 1]),
      }));
    },
    async take(key, cost, limit, windowMs, now): Promise<TakeResult> {
      const index = Math.floor(now / windowMs);
      const reply = await run(() =>
        client.mmTake(
          2,
          `${key}:${index}`,
          `${key}:${index - 1}`,
          cost,
          limit,
          windowMs,
          now - index * windowMs,
        ),
      );
      return {
        ok: Number(reply[0]) === 1,
        remaining: Number(reply[1]),
        retryAfterMs: Number(reply[2]),
      };
    },
    async subscribe(channel, listener) {
      const full = prefix + channel;
      const connection = subscriberConnection();
      let set = listeners.get(full);
      if (!set) {
        listeners.set(full, (set = new Set()));
        try {
          await run(() => connection.subscribe(full), connection);
        } catch (error) {
          listeners.delete(full);
          throw error;
        }
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(full) === set) {
          listeners.delete(full);
          await run(() => connection.unsubscribe(full), connection).catch(report);
        }
      };
    },
    async publish(channel, message) {
      await run(() => client.publish(prefix + channel, message));
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      for (const done of [...waiting]) done(new RedisStoreError('redisStore is closed'));
      await Promise.all([client, subscriber].map((connection) => closeConnection(connection)));
    },
  };

  /** QUIT when connected (bounded by `timeoutMs`), then drop the socket and every timer. */
  async function closeConnection(connection: Redis | undefined): Promise<void> {
    if (!connection) return;
    if (connection.status === 'ready') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          connection.quit(),
          new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
        ]);
      } catch {
        // closing anyway
      } finally {
        clearTimeout(timer);
      }
    }
    connection.disconnect();
  }
}
