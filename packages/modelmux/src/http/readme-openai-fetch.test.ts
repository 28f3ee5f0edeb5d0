// The README's "Use the openai SDK unchanged" example, run against the fake vendors (baseURL
// added to each provider). Keep the two in step.
import OpenAI from 'openai';
import { expect, test } from 'vitest';
import { type FakeProviders, keys, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

test('the README example runs as documented', async () => {
  const factory = make({
    providers: {
      openai: { apiKey: keys.openai, baseURL: fake.baseURL.openai },
      anthropic: { apiKey: keys.anthropic, baseURL: fake.baseURL.anthropic },
    },
  });
  const client = new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://modelmux/v1',
    fetch: factory.openaiFetch(),
  });

  const res = await client.chat.completions.create({
    model: 'auto',
    messages: [{ role: 'user', content: 'What is RAG?' }],
  });
  const stream = await client.chat.completions.create({
    model: 'anthropic',
    messages: [{ role: 'user', content: 'Tell me more' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';

  expect(res.choices[0]?.message.content).toMatch(/\w/);
  expect(text).toMatch(/\w/);
  expect(fake.count('anthropic')).toBeGreaterThanOrEqual(1);
  expect(fake.requests('anthropic').at(-1)?.body).toMatchObject({ stream: true });
});
