import { createOpenAI } from '@modelmux/openai';
import { describeConformance } from './conformance-suite.js';

// An OpenAI-compatible endpoint (Ollama, vLLM, LM Studio) needs no key: the adapter sends a
// placeholder, and never OPENAI_API_KEY, to a custom baseURL.
describeConformance('ollama (OpenAI-compatible, no key)', {
  fake: 'openai',
  model: 'llama3.2',
  embeddings: true,
  supportsImages: true,
  retryAfterMs: true,
  create: (fake, settings) =>
    createOpenAI({
      name: 'ollama',
      baseURL: fake.baseURL.openai,
      env: { OPENAI_API_KEY: 'sk-must-not-be-sent-0123456789' },
      ...settings,
    }),
});
