import type { RecordedRequest } from '@modelmux/testing';
import { providerFailure, startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

// The proof is server-side: the fake marks a request `closedEarly` when the client closed the
// connection before the answer was complete, so these show our signal reaching the socket.
const apiKey = 'AIzaSyAbortTestKey_0123456789abcdefgh';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 16 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const hi = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function closed(): Promise<RecordedRequest | undefined> {
  await expect.poll(() => fake.requests('google')[0]?.closedEarly, { timeout: 2_000 }).toBe(true);
  return fake.requests('google')[0];
}

async function drain(stream: AsyncIterable<unknown>): Promise<number> {
  let events = 0;
  for await (const event of stream) if (event) events++;
  return events;
}

describe.each(['genai', 'legacy'] as GoogleSdk[])(
  "our timeout and the caller's abort reach the socket (sdk: %s)",
  (sdk) => {
    const provider = (timeoutMs?: number) =>
      createGoogle({
        sdk,
        apiKey,
        baseURL: fake.baseURL.google,
        env: {},
        ...(timeoutMs ? { timeoutMs } : {}),
      });

    it('generate: the caller aborts → aborted, connection closed', async () => {
      fake.script('google', ['hang']);
      const controller = new AbortController();
      const pending = providerFailure(provider().generate({ ...hi, signal: controller.signal }));
      await expect.poll(() => fake.count('google')).toBe(1);
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted', isRetryable: false });
      expect((await closed())?.path).toContain(':generateContent');
    });

    it('generate: our timeout → timeout, connection closed', async () => {
      fake.script('google', ['hang']);
      expect(await providerFailure(provider(100).generate(hi))).toMatchObject({
        kind: 'timeout',
        isRetryable: true,
      });
      await closed();
    });

    it('stream: the caller aborts while waiting → aborted, connection closed', async () => {
      fake.script('google', ['hang']);
      const controller = new AbortController();
      const pending = providerFailure(
        drain(provider().stream({ ...hi, signal: controller.signal })),
      );
      await expect.poll(() => fake.count('google')).toBe(1);
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted' });
      expect((await closed())?.path).toContain(':streamGenerateContent');
    });

    it('stream: our idle timeout → timeout, connection closed', async () => {
      fake.script('google', ['hang']);
      expect(await providerFailure(drain(provider(100).stream(hi)))).toMatchObject({
        kind: 'timeout',
      });
      await closed();
    });

    it('embed: the caller aborts → aborted, connection closed', async () => {
      fake.script('google', ['hang']);
      const controller = new AbortController();
      const pending = providerFailure(
        provider().embed({ input: ['a cat'], signal: controller.signal }),
      );
      await expect.poll(() => fake.count('google')).toBe(1);
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted' });
      expect((await closed())?.path).toContain(':batchEmbedContents');
    });

    it('makes one request per call: the SDK retries nothing (a 500 and a 429 come back at once)', async () => {
      fake.script('google', [{ error: 'server' }, { error: 'rate_limit', retryAfter: 1 }]);
      expect(await providerFailure(provider().generate(hi))).toMatchObject({ kind: 'server' });
      expect(await providerFailure(provider().generate(hi))).toMatchObject({
        kind: 'rate_limit',
        retryAfterMs: 1000,
      });
      expect(fake.count('google')).toBe(2);
    });
  },
);
