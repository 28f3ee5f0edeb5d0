import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store } from '@modelmux/core';
import { LRUCache } from 'lru-cache';

/** A virtual key's settings, as `POST /admin/keys` takes them. */
export interface VirtualKeySettings {
  name: string;
  /** USD limits of this key. */
  budget?: { daily?: number; monthly?: number };
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (input + output estimate). */
  tpm?: number;
  /** Allowed model ids (as in `GET /v1/models`: 'auto', a strategy, a provider, 'provider/model'). */
  models?: string[];
  /** Routing metadata merged into every request (never a secret: it is shown by `GET /admin/keys`). */
  metadata?: Record<string, unknown>;
  /** When the key stops working (epoch ms). */
  expiresAt?: number;
  /** Requests in flight at once (default: the gateway's `limits.maxConcurrentPerKey`). */
  maxConcurrency?: number;
}

/** A stored key: its settings and the sha256 of the secret, never the secret. */
export interface VirtualKeyRecord extends VirtualKeySettings {
  id: string;
  hash: string;
  createdAt: number;
  rotatedAt?: number;
  revokedAt?: number;
  /** The first characters of the key, for people to tell keys apart. */
  hint: string;
}

/** A key as listed (no hash). */
export type VirtualKeyView = Omit<VirtualKeyRecord, 'hash'>;

/** Why a presented key was refused. */
export type KeyRefusal = 'missing' | 'invalid' | 'expired' | 'revoked';

const prefix = 'gw:vk:';
const keyPattern = /^mmx-([a-f0-9]{16})-([A-Za-z0-9_-]{32,})$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Options of `VirtualKeys`. */
export interface VirtualKeysOptions {
  /** How long a looked-up key is trusted before the store is read again, in ms (default 1 000). */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Virtual keys in the shared `Store`: `mmx-<id>-<secret>`, stored as the sha256 of the whole key
 * under its id, so a lookup is one read and nothing in the store can be replayed as a key. A
 * fleet on one Redis sees every key; revocation reaches other processes within `cacheMs`.
 */
export class VirtualKeys {
  private readonly cache: LRUCache<string, VirtualKeyRecord>;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: VirtualKeysOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cache = new LRUCache({ max: 10_000, ttl: options.cacheMs ?? 1_000 });
  }

  /** Creates a key; the returned `key` is shown once and never stored. */
  async create(
    settings: VirtualKeySettings,
  ): Promise<{ key: string; id: string; record: VirtualKeyRecord }> {
    const id = randomUUID().replaceAll('-', '').slice(0, 16);
    const key = newSecret(id);
    const record: VirtualKeyRecord = {
      ...settings,
      id,
      hash: sha256(key),
      createdAt: this.now(),
      hint: key.slice(0, 12),
    };
    await this.store.set(`${prefix}rec:${id}`, JSON.stringify(record));
    const seq = await this.store.increment(`${prefix}count`, 1);
    await this.store.set(`${prefix}seq:${seq}`, id);
    return { key, id, record };
  }

  /** The stored record of a key id (revoked ones too), or undefined. */
  async get(id: string): Promise<VirtualKeyRecord | undefined> {
    const text = await this.store.get(`${prefix}rec:${id}`);
    return text === undefined ? undefined : (JSON.parse(text) as VirtualKeyRecord);
  }

  /** Every key, oldest first, without hashes. */
  async list(): Promise<VirtualKeyView[]> {
    const count = Number((await this.store.get(`${prefix}count`)) ?? 0);
    const out: VirtualKeyView[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const id = await this.store.get(`${prefix}seq:${seq}`);
      const record = id === undefined ? undefined : await this.get(id);
      if (record) out.push(view(record));
    }
    return out;
  }

  /** A new secret for the key (same id, settings and budget); the old secret stops working. */
  async rotate(id: string): Promise<{ key: string; id: string } | undefined> {
    const record = await this.get(id);
    if (!record || record.revokedAt !== undefined) return undefined;
    const key = newSecret(id);
    await this.save({
      ...record,
      hash: sha256(key),
      rotatedAt: this.now(),
      hint: key.slice(0, 12),
    });
    return { key, id };
  }

  /** Revokes the key; its record stays for usage reports. */
  async revoke(id: string): Promise<VirtualKeyView | undefined> {
    const record = await this.get(id);
    if (!record) return undefined;
    const revoked = { ...record, revokedAt: record.revokedAt ?? this.now() };
    await this.save(revoked);
    return view(revoked);
  }

  /** Checks a presented key: the record, or why it is refused. */
  async verify(key: string | undefined): Promise<VirtualKeyRecord | KeyRefusal> {
    if (!key) return 'missing';
    const match = keyPattern.exec(key);
    if (!match) return 'invalid';
    const hash = sha256(key);
    let record = this.cache.get(hash);
    if (!record) {
      const stored = await this.get(match[1] as string);
      if (!stored || !sameHash(stored.hash, hash)) return 'invalid';
      record = stored;
      this.cache.set(hash, record);
    }
    if (record.revokedAt !== undefined) return 'revoked';
    if (record.expiresAt !== undefined && record.expiresAt <= this.now()) return 'expired';
    return record;
  }

  private async save(record: VirtualKeyRecord): Promise<void> {
    await this.store.set(`${prefix}rec:${record.id}`, JSON.stringify(record));
    this.cache.clear();
  }
}

function newSecret(id: string): string {
  return `mmx-${id}-${randomBytes(24).toString('base64url')}`;
}

/** The record without its hash (what listings show). */
export function view(record: VirtualKeyRecord): VirtualKeyView {
  const rest: Partial<VirtualKeyRecord> = { ...record };
  delete rest.hash;
  return rest as VirtualKeyView;
}
