import type { Store } from '@modelmux/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { memoryStore } from './memory-store.js';
import { sharedProviderState, type SharedProviderState } from './shared-provider-state.js';

const opened: SharedProviderState[] = [];
function mirror(store: Store, options: Parameters<typeof sharedProviderState>[1] = {}) {
  const state = sharedProviderState(store, { refreshMs: 0, ...options });
  opened.push(state);
  return state;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const mark = { kind: 'auth' as const, reason: 'invalid key', since: 1, until: Infinity };

describe('sharedProviderState', () => {
  test('a cool-down written by one process is read by the others', async () => {
    const store = memoryStore();
    const a = mirror(store);
    const b = mirror(store);
    await Promise.all([a.ready, b.ready]);
    const until = Date.now() + 30_000;
    a.coolDown('openai', until, 'rate_limit');
    expect(a.get('openai')?.coolDownUntil).toBe(until); // local at once
    await vi.waitFor(() => expect(b.get('openai')?.coolDownUntil).toBe(until));
    expect(b.get('openai')?.coolDownKind).toBe('rate_limit');
    // A shorter cool-down never shortens a longer one.
    b.coolDown('openai', until - 10_000, 'rate_limit');
    await store.get('flush');
    expect(a.get('openai')?.coolDownUntil).toBe(until);
  });

  test('unavailable marks (until reset) and model marks travel; clear travels too', async () => {
    const store = memoryStore();
    const a = mirror(store);
    const b = mirror(store);
    await Promise.all([a.ready, b.ready]);
    a.markUnavailable('anthropic', mark);
    a.markUnavailable(
      'openai',
      { ...mark, kind: 'not_found', until: Date.now() + 60_000 },
      'gpt-x',
    );
    await vi.waitFor(() => expect(b.get('anthropic')?.unavailable).toEqual(mark));
    await vi.waitFor(() =>
      expect(b.get('openai')?.unavailableModels?.get('gpt-x')?.kind).toBe('not_found'),
    );
    a.clear('anthropic');
    await vi.waitFor(() => expect(b.get('anthropic')).toBeUndefined());
    expect(await store.get('pstate:anthropic')).toBeUndefined();
  });

  test('a process that starts later loads the stored marks (listed providers before ready)', async () => {
    const store = memoryStore();
    const a = mirror(store);
    await a.ready;
    a.coolDown('groq', Date.now() + 30_000, 'quota_exceeded');
    await vi.waitFor(async () => expect(await store.get('pstate:groq')).toBeDefined());
    const late = mirror(store, { providers: ['groq'] });
    await late.ready;
    expect(late.get('groq')?.coolDownKind).toBe('quota_exceeded');
    // An unlisted provider is fetched on its first read.
    a.coolDown('google', Date.now() + 30_000, 'rate_limit');
    await vi.waitFor(async () => expect(await store.get('pstate:google')).toBeDefined());
    const later = mirror(store);
    await later.ready;
    expect(later.get('google')).toBeUndefined();
    await vi.waitFor(() => expect(later.get('google')?.coolDownKind).toBe('rate_limit'));
  });

  test('marks made while the store is unreachable are pushed by the first refresh after', async () => {
    const inner = memoryStore();
    let down = false;
    const errors: unknown[] = [];
    const store: Store = {
      ...inner,
      kind: 'flaky',
      set: (...args) => (down ? Promise.reject(new Error('down')) : inner.set(...args)),
      get: (...args) => (down ? Promise.reject(new Error('down')) : inner.get(...args)),
    };
    const a = mirror(store, { onError: (e) => errors.push(e) });
    await a.ready;
    down = true;
    const until = Date.now() + 30_000;
    a.coolDown('openai', until, 'rate_limit'); // the process itself still skips it
    expect(a.get('openai')?.coolDownUntil).toBe(until);
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
    expect(await inner.get('pstate:openai')).toBeUndefined();
    down = false;
    await a.refresh();
    expect(JSON.parse((await inner.get('pstate:openai')) ?? 'null')).toMatchObject({
      coolDownUntil: until,
    });
  });

  test('the periodic refresh repairs a missed message', async () => {
    vi.useFakeTimers();
    try {
      const store = memoryStore();
      const b = mirror(store, { refreshMs: 1_000, providers: ['openai'] });
      await b.ready;
      // Written straight to the store, as if the message had been lost.
      const until = Date.now() + 30_000;
      await store.set(
        'pstate:openai',
        JSON.stringify({
          coolDownUntil: until,
          coolDownKind: 'rate_limit',
          unavailable: null,
          models: {},
        }),
      );
      expect(b.get('openai')).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(b.get('openai')?.coolDownUntil).toBe(until);
    } finally {
      vi.useRealTimers();
    }
  });
});
