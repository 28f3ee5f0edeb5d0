import { providerFailure, startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGoogle } from './google-provider.js';

// No test reaches Vertex AI: the SDK's `fetch` hook records the URL it builds and, where a
// round trip is wanted, forwards the call to the fake's Gemini route (Vertex speaks the same body).
const expressKey = 'AIzaSyVertexExpressKey_0123456789abcdef';
let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 15 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const hi = { messages: [{ role: 'user' as const, content: 'What is the capital of France?' }] };

/** A `fetch` that records each URL and sends the call to the fake's `/v1beta/models/…` route. */
function forwardingFetch(urls: string[]): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    urls.push(url);
    const method = /\/models\/([^/]+)$/.exec(new URL(url).pathname)?.[1] ?? '';
    return fetch(`${fake.url}/v1beta/models/${method}${new URL(url).search}`, init);
  };
}

describe('Vertex AI (@google/genai)', () => {
  it('Express Mode (vertexai + apiKey): calls the global Vertex endpoint with the key, one round trip', async () => {
    const urls: string[] = [];
    const google = createGoogle({
      vertexai: true,
      apiKey: expressKey,
      fetch: forwardingFetch(urls),
      env: {},
    });
    expect(google.isAvailable()).toBe(true);
    const result = await google.generate(hi);
    expect(urls).toEqual([
      'https://aiplatform.googleapis.com/v1beta1/publishers/google/models/gemini-2.5-flash:generateContent',
    ]);
    expect(result.text.length).toBeGreaterThan(0);
    expect(fake.requests('google')[0]?.headers['x-goog-api-key']).toBe('[REDACTED]');
  });

  it('project and location: the regional endpoint with the project path; streams too', async () => {
    const urls: string[] = [];
    const google = createGoogle({
      vertexai: { project: 'acme-prod', location: 'europe-west4' },
      apiKey: expressKey,
      fetch: forwardingFetch(urls),
      env: {},
    });
    const events = [];
    for await (const event of google.stream(hi)) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(urls).toEqual([
      'https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/acme-prod/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
  });

  it('takes the project and location from GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_LOCATION, and a baseURL (a gateway)', async () => {
    const urls: string[] = [];
    const google = createGoogle({
      vertexai: true,
      apiKey: expressKey,
      baseURL: 'https://vertex-gateway.example/',
      fetch: forwardingFetch(urls),
      env: { GOOGLE_CLOUD_PROJECT: 'acme-dev', GOOGLE_CLOUD_LOCATION: 'us-central1' },
    });
    await google.generate(hi);
    expect(urls).toEqual([
      'https://vertex-gateway.example/v1beta1/projects/acme-dev/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
    ]);
  });

  it('is available with a project and location alone (Google Cloud credentials are read on the first call)', () => {
    expect(
      createGoogle({
        vertexai: { project: 'acme', location: 'us-central1' },
        env: {},
      }).isAvailable(),
    ).toBe(true);
  });

  it('without a project and location (and no key) is unavailable and fails with auth, sending nothing', async () => {
    const urls: string[] = [];
    const google = createGoogle({ vertexai: true, fetch: forwardingFetch(urls), env: {} });
    expect(google.isAvailable()).toBe(false);
    const error = await providerFailure(google.generate(hi));
    expect(error).toMatchObject({ kind: 'auth', isRetryable: false });
    expect(error.message).toContain('GOOGLE_CLOUD_PROJECT');
    expect(urls).toEqual([]);
  });
});
