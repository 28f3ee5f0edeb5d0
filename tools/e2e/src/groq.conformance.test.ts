import { createGroq } from '@modelmux/groq';
import { describeConformance } from './conformance-suite.js';

const apiKey = 'gsk_conformanceGroq0123456789';

describeConformance('groq', {
  fake: 'groq',
  model: 'llama-3.3-70b-versatile',
  apiKey,
  embeddings: false,
  supportsImages: true,
  structuredOutput: 'json-mode',
  retryAfterMs: true,
  create: (fake, settings) => createGroq({ apiKey, baseURL: fake.baseURL.groq, ...settings }),
});
