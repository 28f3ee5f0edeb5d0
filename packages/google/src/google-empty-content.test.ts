// Issue 24: empty content was mapped to kind `unknown` (the SDK refused it client-side); it is
// the caller's InvalidRequestError (bad_request) naming the field, and nothing is sent.
import { InvalidRequestError } from '@modelmux/core';
import { collectEvents, startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleSdk } from './google-backend.js';
import { createGoogle } from './google-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

const sdks: GoogleSdk[] = ['genai', 'legacy'];

describe.each(sdks)('empty content (sdk: %s)', (sdk) => {
  const google = () =>
    createGoogle({
      sdk,
      apiKey: 'AIzaSyEmptyTestKey_0123456789abcdefgh',
      baseURL: fake.baseURL.google,
      env: {},
    });

  it.each([
    ['an empty user message', [{ role: 'user' as const, content: '' }], 'messages.0.content'],
    [
      'an empty text part',
      [{ role: 'user' as const, content: [{ type: 'text' as const, text: '' }] }],
      'messages.0.content.0.text',
    ],
  ])('%s is a bad_request naming the field, not unknown', async (_label, messages, field) => {
    const before = fake.count('google');
    for (const run of [
      () => google().generate({ messages }),
      () => collectEvents(google().stream({ messages })),
    ]) {
      const error: unknown = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ kind: 'bad_request', field });
    }
    expect(fake.count('google')).toBe(before);
  });
});
