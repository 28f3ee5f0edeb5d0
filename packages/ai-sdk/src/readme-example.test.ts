// The README's example, run against the fake vendors (baseURL added). Keep the two in step.
import { startFakeProviders } from '@modelmux/testing';
import { generateText, streamText } from 'ai';
import { ProviderFactory } from 'modelmux';
import { expect, test } from 'vitest';
import { createModelmux } from './index.js';

test('the README example runs as documented', async () => {
  const fake = await startFakeProviders();
  const env = { OPENAI_API_KEY: 'sk-readme-0123456789', ANTHROPIC_API_KEY: 'sk-ant-readme-012345' };
  const factory = new ProviderFactory({
    primaryProvider: 'openai',
    fallbackProviders: ['anthropic'],
    providers: {
      openai: { apiKey: env.OPENAI_API_KEY, baseURL: fake.baseURL.openai },
      anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseURL: fake.baseURL.anthropic },
    },
  });
  const modelmux = createModelmux(factory);

  const { text, response, providerMetadata } = await generateText({
    model: modelmux('auto'),
    prompt: 'What is RAG?',
    providerOptions: { modelmux: { userId: 'u-42', tags: ['docs'] } },
  });
  expect(text.length).toBeGreaterThan(0);
  expect(response.modelId).toBe(factory.getProviderInfo('openai').model);
  expect(providerMetadata?.['modelmux']?.['provider']).toBe('openai');

  const stream = streamText({ model: modelmux('cost'), prompt: 'Explain vector search.' });
  let streamed = '';
  for await (const delta of stream.textStream) streamed += delta;
  expect(streamed.length).toBeGreaterThan(0);
  expect((await stream.providerMetadata)?.['modelmux']?.['strategy']).toBe('cost');

  await factory.close();
  await fake.close();
});
