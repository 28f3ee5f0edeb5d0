import { createAnthropic } from '@modelmux/anthropic';
import { describeConformance } from './conformance-suite.js';

const apiKey = 'sk-ant-api03-conformanceAnthropic0123456789';

describeConformance('anthropic', {
  fake: 'anthropic',
  model: 'claude-haiku-4-5',
  apiKey,
  embeddings: false,
  supportsImages: true,
  structuredOutput: 'schema',
  // Anthropic sends only `retry-after`, in whole seconds.
  retryAfterMs: false,
  create: (fake, settings) =>
    createAnthropic({ apiKey, baseURL: fake.baseURL.anthropic, env: {}, ...settings }),
});
