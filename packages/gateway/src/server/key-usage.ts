import type { Store } from '@modelmux/core';
import type { HandlerRecord } from '../handler-contract.js';

const fields = ['requests', 'errors', 'inputTokens', 'outputTokens', 'costUsd'] as const;

/** A key's totals since it was created (fleet-wide: the counters live in the store). */
export type KeyTotals = Record<(typeof fields)[number], number>;

const counter = (id: string, field: string) => `gw:vk:usage:${id}:${field}`;

/** Adds a finished request to its key's counters (off the response path; failures are dropped). */
export function recordUsage(store: Store, id: string, record: HandlerRecord): void {
  const add = (field: (typeof fields)[number], amount: number) => {
    if (amount) void store.increment(counter(id, field), amount).catch(() => undefined);
  };
  add('requests', 1);
  add('errors', record.status >= 400 ? 1 : 0);
  add('inputTokens', record.usage?.inputTokens ?? 0);
  add('outputTokens', record.usage?.outputTokens ?? 0);
  add('costUsd', record.costUsd ?? 0);
}

/** Reads a key's totals. */
export async function readUsage(store: Store, id: string): Promise<KeyTotals> {
  const values = await Promise.all(fields.map((f) => store.get(counter(id, f))));
  return Object.fromEntries(fields.map((f, i) => [f, Number(values[i] ?? 0)])) as KeyTotals;
}
