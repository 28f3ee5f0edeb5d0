// The README's quick start, run against the fake vendors (baseURL added). Keep the two in step.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeProviders } from '@modelmux/testing';
import { expect, test } from 'vitest';
import { createStatusHandler, ProviderFactory } from './index.js';

test('the README quick start runs as documented', async () => {
  const fake = await startFakeProviders();
  const env = {
    OPENAI_API_KEY: 'sk-readme-0123456789',
    ANTHROPIC_API_KEY: 'sk-ant-readme-0123456789',
  };
  const factory = new ProviderFactory({
    primaryProvider: 'openai',
    fallbackProviders: ['anthropic'],
    providers: {
      openai: { apiKey: env.OPENAI_API_KEY, baseURL: fake.baseURL.openai },
      anthropic: { apiKey: env.ANTHROPIC_API_KEY, baseURL: fake.baseURL.anthropic },
    },
    dailyCostLimit: 20,
    cache: true,
  });

  const llm = factory.getProvider();
  const res = await llm.invoke('What is RAG?');
  expect(res).toMatchObject({ provider: 'openai', cached: false, strategy: 'manual' });
  expect(res.text.length).toBeGreaterThan(0);
  expect(res.costUsd).toBeGreaterThan(0);

  const r = await factory.generateContent('Classify this email: ...', {
    temperature: 0,
    maxTokens: 512,
  });
  expect(r).toMatchObject({ success: true, providerName: 'openai' });

  // recordFeedback feeds the metrics' quality.
  expect(factory.recordFeedback(res.requestId, 0.8)).toBe(true);
  expect(factory.getProviderMetrics().byProvider['openai']?.avgQuality).toBeCloseTo(0.8);

  // The status endpoint.
  const server = createServer(createStatusHandler(factory)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect((await fetch(`${url}/health`)).status).toBe(200);
  await new Promise((resolve) => server.close(resolve));

  // The batch example.
  const items = await factory.batch(['Summarise A', 'Summarise B', 'Summarise C'], {
    concurrency: 2,
  });
  expect(items.map((item) => item.ok)).toEqual([true, true, true]);

  await factory.close();
  await factory.close(); // idempotent
  await fake.close();
});
