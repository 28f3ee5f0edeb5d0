import { createOpenAI } from '@modelmux/openai';
import { describeConformance } from './conformance-suite.js';

const apiKey = 'sk-conformance-openai-0123456789';

describeConformance('openai', {
  fake: 'openai',
  model: 'gpt-4o-mini',
  apiKey,
  embeddings: true,
  supportsImages: true,
  retryAfterMs: true,
  create: (fake, settings) => createOpenAI({ apiKey, baseURL: fake.baseURL.openai, ...settings }),
});
