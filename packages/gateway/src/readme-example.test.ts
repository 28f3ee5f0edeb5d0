// The README's "In code" example, run against the fake vendors.
import { startFakeProviders } from '@modelmux/testing';
import OpenAI from 'openai';
import { expect, test } from 'vitest';
import { createGateway, parseGatewayConfig, serveGateway } from './index.js';

test('README: createGateway + serveGateway, called with the openai SDK', async () => {
  const fake = await startFakeProviders();
  const env = {
    OPENAI_API_KEY: 'sk-readme-0123456789',
    MODELMUX_MASTER_KEY: 'mmx-readme-master-0123456789',
  };
  const config = parseGatewayConfig({
    providers: { openai: { apiKey: env.OPENAI_API_KEY, baseURL: fake.baseURL.openai } },
  });
  const gateway = createGateway({ config, masterKey: env.MODELMUX_MASTER_KEY });
  const served = await serveGateway(gateway, { port: 0 });
  const client = new OpenAI({
    apiKey: env.MODELMUX_MASTER_KEY,
    baseURL: `${served.url}/v1`,
    maxRetries: 0,
  });
  const answer = await client.chat.completions.create({
    model: 'auto',
    messages: [{ role: 'user', content: 'What is RAG?' }],
  });
  expect(answer.choices[0]?.message.content).toMatch(/\w/);
  await served.shutdown();
  await fake.close();
});
