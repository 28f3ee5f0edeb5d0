import { embedText } from '@modelmux/testing';
import { expect, test } from 'vitest';
import { type FakeProviders, useFakeFactories } from './__fixtures__/fakes.js';
import { ModelmuxEmbeddings } from './index.js';

let fake: FakeProviders;
const make = useFakeFactories((f) => (fake = f));

test('embedDocuments and embedQuery: routed to a provider that embeds (Anthropic cannot)', async () => {
  const factory = make({ primaryProvider: 'anthropic', fallbackProviders: ['openai'] });
  const embeddings = new ModelmuxEmbeddings({ factory, dimensions: 8 });
  const vectors = await embeddings.embedDocuments(['alpha', 'beta']);
  expect(vectors).toEqual([embedText('alpha', 8), embedText('beta', 8)]);
  expect(await embeddings.embedQuery('gamma')).toEqual(embedText('gamma', 8));
  expect(fake.count('anthropic')).toBe(0);
  expect(fake.requests('openai').map((r) => r.body)).toEqual([
    expect.objectContaining({ input: ['alpha', 'beta'], dimensions: 8 }),
    expect.objectContaining({ input: ['gamma'], dimensions: 8 }),
  ]);
});

test("'provider/model' sends that embedding model; LangChain's own retries are not added", async () => {
  const factory = make();
  const embeddings = new ModelmuxEmbeddings({ factory, model: 'openai/text-embedding-3-large' });
  fake.script('openai', [{ status: 500 }]);
  await expect(embeddings.embedQuery('x')).rejects.toMatchObject({
    name: 'ModelmuxAllProvidersFailedError',
  });
  expect(fake.count('openai')).toBe(1);
  await embeddings.embedQuery('x');
  expect(fake.requests('openai').at(-1)?.body).toMatchObject({ model: 'text-embedding-3-large' });
});

test('a strategy id is refused with a ConfigError naming the field (embed takes no strategy)', () => {
  expect(() => new ModelmuxEmbeddings({ factory: make(), model: 'cost' })).toThrow(
    /model: "cost" is a routing strategy, which embeddings cannot choose per call/,
  );
});
