import { randomUUID } from 'node:crypto';
import type { ErrorKind, Store } from '@modelmux/core';
import {
  memoryProviderState,
  type ProviderRecord,
  type ProviderStateStore,
  type UnavailableMark,
} from '@modelmux/resilience';

/** Options of `sharedProviderState()`. */
export interface SharedProviderStateOptions {
  /** The pub/sub channel (default `'modelmux:provider-state'`). */
  channel?: string;
  /** How often every known provider's record is re-read from the store, in ms (default 1 000). */
  refreshMs?: number;
  /** Providers to load at start (the rest load on their first read). */
  providers?: readonly string[];
  /** Called with every store failure (the mirror keeps working on local knowledge). */
  onError?: (error: unknown) => void;
  /** The clock, in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** A `ProviderStateStore` shared through a `Store`, read from a local mirror. */
export interface SharedProviderState extends ProviderStateStore {
  /** Resolves when the subscription is set up and the initial `providers` are loaded. */
  readonly ready: Promise<void>;
  /** Re-reads every known provider from the store now (also done every `refreshMs`). */
  refresh(): Promise<void>;
  /** Stops the timer and the subscription (the store itself stays open). */
  close(): Promise<void>;
}

interface WireMark {
  kind: ErrorKind;
  reason: string;
  since: number;
  /** null for "until reset" (Infinity does not survive JSON). */
  until: number | null;
}

interface WireRecord {
  coolDownUntil: number;
  coolDownKind: ErrorKind | null;
  unavailable: WireMark | null;
  models: Record<string, WireMark>;
}

type Message =
  | { origin: string; provider: string; record: WireRecord }
  | { origin: string; clear: string | null };

const toWire = (mark: UnavailableMark): WireMark => ({
  ...mark,
  until: Number.isFinite(mark.until) ? mark.until : null,
});
const fromWire = (mark: WireMark): UnavailableMark => ({ ...mark, until: mark.until ?? Infinity });

function encode(record: ProviderRecord): WireRecord {
  return {
    coolDownUntil: record.coolDownUntil,
    coolDownKind: record.coolDownKind ?? null,
    unavailable: record.unavailable ? toWire(record.unavailable) : null,
    models: Object.fromEntries(
      [...(record.unavailableModels ?? [])].map(([model, mark]) => [model, toWire(mark)]),
    ),
  };
}

/** When a record stops mattering (epoch ms; Infinity while a mark lasts until reset). */
function expiresAt(record: WireRecord): number {
  let end = record.coolDownUntil;
  for (const mark of [record.unavailable, ...Object.values(record.models)])
    if (mark) end = Math.max(end, mark.until ?? Infinity);
  return end;
}

/**
 * A `ProviderStateStore` (the resilience executor's cool-downs and unavailable marks) shared
 * by every process on the same `Store`: a 429 seen by one process makes every process skip that
 * provider until its retry-after. Reads stay synchronous and O(1) from a local mirror; writes
 * apply locally at once and go to the store in the background (a record per provider, expiring
 * with its last mark), announced on a pub/sub channel.
 *
 * Staleness: a mark reaches the other processes' mirrors as fast as the store's pub/sub delivers
 * (about a millisecond on Redis); a missed message (e.g. a subscriber reconnecting) is repaired by
 * the periodic refresh within `refreshMs`. While the store is unreachable each process works on
 * what it knows; local marks are pushed again by the first refresh after it is back.
 *
 * @example
 * const shared = sharedProviderState(redisStore({ url }), { providers: ['openai', 'anthropic'] });
 * await shared.ready;
 * const executor = createFallbackExecutor({ store: shared });
 */
export function sharedProviderState(
  store: Store,
  options: SharedProviderStateOptions = {},
): SharedProviderState {
  const local = memoryProviderState();
  const channel = options.channel ?? 'modelmux:provider-state';
  const refreshMs = options.refreshMs ?? 1_000;
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((): void => undefined);
  const origin = randomUUID();
  const known = new Set<string>();
  const keyOf = (provider: string) => `pstate:${provider}`;
  let unsubscribe: (() => Promise<void>) | undefined;
  let closed = false;

  function merge(provider: string, wire: WireRecord): void {
    if (wire.coolDownUntil > 0 && wire.coolDownKind)
      local.coolDown(provider, wire.coolDownUntil, wire.coolDownKind);
    const current = local.get(provider);
    if (wire.unavailable) {
      const mark = fromWire(wire.unavailable);
      if (!current?.unavailable || current.unavailable.until < mark.until)
        local.markUnavailable(provider, mark);
    }
    for (const [model, wireMark] of Object.entries(wire.models)) {
      const mark = fromWire(wireMark);
      const mine = local.get(provider)?.unavailableModels?.get(model);
      if (!mine || mine.until < mark.until) local.markUnavailable(provider, mark, model);
    }
  }

  /** Writes the local record (merged with the stored one) and announces it. */
  async function push(provider: string): Promise<void> {
    const record = local.get(provider);
    if (!record) return;
    const wire = encode(record);
    const end = expiresAt(wire);
    const ttl = Number.isFinite(end) ? end - now() : undefined;
    if (ttl !== undefined && ttl <= 0) return;
    await store.set(keyOf(provider), JSON.stringify(wire), ttl);
    await store.publish?.(channel, JSON.stringify({ origin, provider, record: wire }));
  }

  const background = (work: Promise<void>) => void work.catch(report);

  async function load(provider: string): Promise<void> {
    const raw = await store.get(keyOf(provider));
    const wire = raw === undefined ? undefined : (JSON.parse(raw) as WireRecord);
    if (wire) merge(provider, wire);
    // Our own marks newer than the stored ones (written while the store was down): push again.
    const mine = local.get(provider);
    if (
      mine &&
      (!wire || mine.coolDownUntil > wire.coolDownUntil || (mine.unavailable && !wire.unavailable))
    )
      await push(provider);
  }

  function learn(provider: string): void {
    if (known.has(provider) || closed) return;
    known.add(provider);
    background(load(provider));
  }

  async function refresh(): Promise<void> {
    for (const provider of known) await load(provider);
  }

  const onMessage = (raw: string) => {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch (error) {
      report(error);
      return;
    }
    if (message.origin === origin) return;
    if ('clear' in message) {
      local.clear(message.clear ?? undefined);
      return;
    }
    known.add(message.provider);
    merge(message.provider, message.record);
  };

  const timer = refreshMs > 0 ? setInterval(() => background(refresh()), refreshMs) : undefined;
  timer?.unref?.();

  const ready = (async () => {
    for (const provider of options.providers ?? []) known.add(provider);
    try {
      if (store.subscribe) unsubscribe = await store.subscribe(channel, onMessage);
      await refresh();
    } catch (error) {
      report(error);
    }
  })();

  return {
    ready,
    get(provider) {
      learn(provider);
      return local.get(provider);
    },
    coolDown(provider, until, kind) {
      known.add(provider);
      local.coolDown(provider, until, kind);
      background(push(provider));
    },
    markUnavailable(provider, mark, model) {
      known.add(provider);
      local.markUnavailable(provider, mark, model);
      background(push(provider));
    },
    clear(provider) {
      local.clear(provider);
      const providers = provider === undefined ? [...known] : [provider];
      background(
        (async () => {
          for (const name of providers) await store.delete(keyOf(name));
          await store.publish?.(channel, JSON.stringify({ origin, clear: provider ?? null }));
        })(),
      );
    },
    providers: () => local.providers(),
    refresh,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await ready;
      await unsubscribe?.().catch(report);
    },
  };
}
