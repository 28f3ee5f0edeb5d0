import { createGoogle } from '@modelmux/google';
import { describeConformance } from './conformance-suite.js';

const apiKey = 'AIzaSyConformanceGoogle_0123456789abcdef';

describeConformance('google', {
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
    createGoogle({ apiKey, baseURL: fake.baseURL.google, env: {}, ...settings }),
});
