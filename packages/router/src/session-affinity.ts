import { randomUUID } from 'node:crypto';
import { ConfigError, type Store } from '@modelmux/core';

/** Settings of session affinity (`createRouter({ sessionAffinity })`). */
export interface SessionAffinityOptions {
  /** How long a session stays pinned after its last answer, in ms (sliding; default 30 min). */
  ttlMs?: number;
  /**
   * Shares the pins with every process on the same store (memoryStore, redisStore): a pin is
   * written in the background and announced on the store's pub/sub channel; reads stay
   * synchronous from the local mirror. Default: this process only.
   */
  store?: Store;
  /** The pub/sub channel (default `'modelmux:session-affinity'`). */
  channel?: string;
  /** Sessions the local mirror keeps (default 100 000; the least recently used go first). */
  maxSessions?: number;
  /** Called with every store failure (the mirror keeps working on local knowledge). */
  onError?: (error: unknown) => void;
}

/** Where a session is pinned. */
export interface SessionPin {
  provider: string;
  model: string | undefined;
  /** Epoch ms when the pin lapses unless the session is served again. */
  expiresAt: number;
}

interface Message {
  origin: string;
  session: string;
  pin: SessionPin | null;
}

const defaultTtlMs = 30 * 60_000;

/** Checks the settings; returns them resolved. */
function resolve(options: SessionAffinityOptions) {
  const ttlMs = options.ttlMs ?? defaultTtlMs;
  if (!(Number.isFinite(ttlMs) && ttlMs > 0))
    throw new ConfigError({
      issues: [
        { path: 'sessionAffinity.ttlMs', message: 'expected a TTL in ms > 0 (e.g. 1800000)' },
      ],
    });
  const maxSessions = options.maxSessions ?? 100_000;
  if (!(Number.isInteger(maxSessions) && maxSessions > 0))
    throw new ConfigError({
      issues: [
        {
          path: 'sessionAffinity.maxSessions',
          message: 'expected a whole number of sessions ≥ 1 (e.g. 100000)',
        },
      ],
    });
  return { ttlMs, maxSessions };
}

/**
 * Session affinity: `metadata.sessionId` keeps a conversation on the provider (and model) that
 * served it, so its prompt cache stays warm. The pin slides with each answer; a failure that
 * fell back re-pins the session to the provider that answered. Lookups are O(1) and synchronous
 * from a bounded local mirror; a shared store makes a fleet agree.
 */
export class SessionAffinity {
  readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly pins = new Map<string, SessionPin>();
  private readonly store: Store | undefined;
  private readonly channel: string;
  private readonly origin = randomUUID();
  private readonly report: (error: unknown) => void;
  private readonly loading = new Set<string>();
  private unsubscribe: (() => Promise<void>) | undefined;
  /** Resolves once the pub/sub subscription (if any) is set up. */
  readonly ready: Promise<void>;

  constructor(
    options: SessionAffinityOptions,
    private readonly now: () => number,
  ) {
    const { ttlMs, maxSessions } = resolve(options);
    this.ttlMs = ttlMs;
    this.maxSessions = maxSessions;
    this.store = options.store;
    this.channel = options.channel ?? 'modelmux:session-affinity';
    this.report = options.onError ?? ((): void => undefined);
    this.ready = this.subscribe();
  }

  /** The session's pin, or undefined (unknown or lapsed). O(1); a miss loads it from the store in the background. */
  get(session: string): SessionPin | undefined {
    const pin = this.pins.get(session);
    if (pin === undefined) {
      this.load(session);
      return undefined;
    }
    if (pin.expiresAt <= this.now()) {
      this.pins.delete(session);
      return undefined;
    }
    return pin;
  }

  /** Pins (or re-pins) a session to the provider that served it; the TTL starts again. */
  set(session: string, provider: string, model: string | undefined): void {
    const pin: SessionPin = { provider, model, expiresAt: this.now() + this.ttlMs };
    this.put(session, pin);
    const store = this.store;
    if (!store) return;
    const work = async () => {
      await store.set(this.keyOf(session), JSON.stringify(pin), this.ttlMs);
      await store.publish?.(
        this.channel,
        JSON.stringify({ origin: this.origin, session, pin } satisfies Message),
      );
    };
    void work().catch(this.report);
  }

  /** Sessions in the local mirror. */
  get size(): number {
    return this.pins.size;
  }

  /** Stops the subscription (the store itself stays open). */
  async close(): Promise<void> {
    await this.ready;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.();
  }

  private keyOf(session: string): string {
    return `affinity:${session}`;
  }

  private put(session: string, pin: SessionPin): void {
    // Re-inserting moves the session to the newest end, so the oldest is the first key.
    this.pins.delete(session);
    this.pins.set(session, pin);
    if (this.pins.size > this.maxSessions) {
      const oldest = this.pins.keys().next().value;
      if (oldest !== undefined) this.pins.delete(oldest);
    }
  }

  private load(session: string): void {
    const store = this.store;
    if (!store || this.loading.has(session) || this.loading.size >= 1_000) return;
    this.loading.add(session);
    const work = async () => {
      try {
        const raw = await store.get(this.keyOf(session));
        if (raw === undefined || this.pins.has(session)) return;
        const pin = JSON.parse(raw) as SessionPin;
        if (pin.expiresAt > this.now()) this.put(session, pin);
      } finally {
        this.loading.delete(session);
      }
    };
    void work().catch(this.report);
  }

  private async subscribe(): Promise<void> {
    const store = this.store;
    if (!store?.subscribe) return;
    try {
      this.unsubscribe = await store.subscribe(this.channel, (raw) => {
        try {
          const message = JSON.parse(raw) as Message;
          if (message.origin === this.origin) return;
          if (message.pin === null) this.pins.delete(message.session);
          else this.put(message.session, message.pin);
        } catch (error) {
          this.report(error);
        }
      });
    } catch (error) {
      this.report(error);
    }
  }
}
