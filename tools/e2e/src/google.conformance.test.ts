import { createGoogle, type GoogleSdk } from '@modelmux/google';
import { describeConformance } from './conformance-suite.js';

const apiKey = 'AIzaSyConformanceGoogle_0123456789abcdef';

// The same suite through both SDKs: @google/genai (the default) and the legacy
// @google/generative-ai (`sdk: 'legacy'`, an optional peer).
for (const sdk of ['genai', 'legacy'] as GoogleSdk[]) {
  describeConformance(sdk === 'genai' ? 'google' : 'google (sdk: legacy)', {
    fake: 'google',
    model: 'gemini-2.5-flash',
    apiKey,
    embeddings: true,
    supportsImages: true,
    structuredOutput: 'schema',
    // RetryInfo `retryDelay` carries fractions of a second ("1.5s").
    retryAfterMs: true,
    // Gemini answers an invalid key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
    authStatus: 400,
    create: (fake, settings) =>
      createGoogle({ sdk, apiKey, baseURL: fake.baseURL.google, env: {}, ...settings }),
  });
}
