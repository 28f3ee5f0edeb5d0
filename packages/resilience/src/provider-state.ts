import type { ErrorKind } from '@modelmux/core';

/** Why a provider (or one of its models) is not used: auth, permission or not_found. */
export interface UnavailableMark {
  kind: ErrorKind;
  /** A redacted, human-readable reason. */
  reason: string;
  /** When it was marked (epoch ms). */
  since: number;
  /** Until when (epoch ms); `Infinity` until `reset()`. */
  until: number;
}

/** What the executor remembers about one provider. */
export interface ProviderRecord {
  /** Skipped until this time (epoch ms) after a rate limit or quota error; 0 when not cooling. */
  coolDownUntil: number;
  /** The kind that started the cool-down. */
  coolDownKind: ErrorKind | undefined;
  /** Set when the whole provider is unusable (auth, permission). */
  unavailable: UnavailableMark | undefined;
  /** Models of this provider that are unusable (not_found), by model id. */
  unavailableModels: Map<string, UnavailableMark> | undefined;
}

/**
 * Where cool-downs and unavailable marks live. Reads are synchronous and O(1) because every
 * routed request does them; a shared (e.g. Redis) store keeps a local mirror for reads and
 * propagates writes in the background. Experimental: the shape may change when that lands.
 */
export interface ProviderStateStore {
  get(provider: string): ProviderRecord | undefined;
  coolDown(provider: string, until: number, kind: ErrorKind): void;
  markUnavailable(provider: string, mark: UnavailableMark, model?: string): void;
  /** Forgets one provider's marks, or every provider's. */
  clear(provider?: string): void;
  /** The providers it holds a record for. */
  providers(): Iterable<string>;
}

/** The default in-memory `ProviderStateStore` (one process). */
export function memoryProviderState(): ProviderStateStore {
  const records = new Map<string, ProviderRecord>();
  const recordOf = (provider: string): ProviderRecord => {
    let record = records.get(provider);
    if (!record) {
      record = {
        coolDownUntil: 0,
        coolDownKind: undefined,
        unavailable: undefined,
        unavailableModels: undefined,
      };
      records.set(provider, record);
    }
    return record;
  };
  return {
    get: (provider) => records.get(provider),
    coolDown(provider, until, kind) {
      const record = recordOf(provider);
      if (until > record.coolDownUntil) {
        record.coolDownUntil = until;
        record.coolDownKind = kind;
      }
    },
    markUnavailable(provider, mark, model) {
      const record = recordOf(provider);
      if (model === undefined) record.unavailable = mark;
      else (record.unavailableModels ??= new Map()).set(model, mark);
    },
    clear(provider) {
      if (provider === undefined) records.clear();
      else records.delete(provider);
    },
    providers: () => records.keys(),
  };
}
