// The factory's default transport: adapters made from settings send through the process-wide
// pooled fetch of @modelmux/transport (not Node's global fetch) unless told otherwise.
import { sharedPooledFetch } from '@modelmux/transport';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type FakeProviders,
  keys,
  providersFor,
  useFakeFactories,
  type Vendor,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));
const vendors: Vendor[] = ['openai', 'anthropic', 'google', 'groq'];

// Runs before the shared hook closes the factories (vitest runs after-hooks in reverse order).
afterEach(async () => {
  vi.restoreAllMocks();
});

describe('the default fetch of adapters made from settings', () => {
  test('every built-in adapter sends through the shared pool, never the global fetch', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const factory = make({ maxRetries: 0, providers: providersFor(fake) });
    for (const vendor of vendors) {
      const result = await factory.getProvider(vendor).invoke('Hi');
      expect(result.provider).toBe(vendor);
      expect(fake.count(vendor)).toBe(1);
    }
    expect(globalFetch).not.toHaveBeenCalled();
  });

  test('fetch: false leaves each SDK on its own default (the global fetch)', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const factory = make({ maxRetries: 0, providers: providersFor(fake) }, { fetch: false });
    for (const vendor of vendors) await factory.getProvider(vendor).invoke('Hi');
    expect(globalFetch).toHaveBeenCalledTimes(vendors.length);
  });

  test("an entry's own options.fetch wins over the factory's and the default", async () => {
    const pooled = sharedPooledFetch();
    const own = vi.fn<typeof fetch>((input, init) => pooled(input, init));
    const factoryWide = vi.fn<typeof fetch>((input, init) => pooled(input, init));
    const factory = make(
      {
        maxRetries: 0,
        providers: {
          openai: { apiKey: keys.openai, baseURL: fake.baseURL.openai, options: { fetch: own } },
          groq: { apiKey: keys.groq, baseURL: fake.baseURL.groq },
        },
      },
      { fetch: factoryWide },
    );
    await factory.getProvider('openai').invoke('Hi');
    await factory.getProvider('groq').invoke('Hi');
    expect(own).toHaveBeenCalledTimes(1);
    expect(factoryWide).toHaveBeenCalledTimes(1);
    expect(fake.count('openai')).toBe(1);
    expect(fake.count('groq')).toBe(1);
  });

  test("google with sdk: 'legacy' (which refuses a fetch) stays on the global fetch", async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch');
    const factory = make({
      maxRetries: 0,
      providers: {
        google: { apiKey: keys.google, baseURL: fake.baseURL.google, options: { sdk: 'legacy' } },
      },
    });
    expect((await factory.getProvider('google').invoke('Hi')).provider).toBe('google');
    expect(globalFetch).toHaveBeenCalledTimes(1);
  });

  test('close() leaves the shared pool open for the other factories', async () => {
    const pool = sharedPooledFetch();
    const first = make({ maxRetries: 0, providers: providersFor(fake, ['openai']) });
    const second = make({ maxRetries: 0, providers: providersFor(fake, ['openai']) });
    await first.getProvider().invoke('Hi');
    await first.close();
    expect(sharedPooledFetch()).toBe(pool);
    expect((await second.getProvider().invoke('Hi')).provider).toBe('openai');
    expect(fake.count('openai')).toBe(2);
  });

  test('a consumer that stops a stream early closes the request at the upstream (through the pool)', async () => {
    fake.script('openai', [{ streamEventDelayMs: 50 }]);
    const factory = make({ maxRetries: 0, providers: providersFor(fake, ['openai']) });
    for await (const event of factory.getProvider().stream('Write a long story')) {
      expect(event.type).not.toBe('finish');
      break;
    }
    const [sent] = fake.requests('openai');
    await expect.poll(() => sent?.closedEarly, { timeout: 2_000 }).toBe(true);
  });
});
