// The README's example, run against the fake vendors (baseURL added, keys made up). The last
// test checks that each line of the example below is in README.md, so the two stay in step.
import { readFileSync } from 'node:fs';
import { tool } from '@langchain/core/tools';
import { startFakeProviders } from '@modelmux/testing';
import { ProviderFactory } from 'modelmux';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { ChatModelmux, modelmuxMetadataOf, ModelmuxEmbeddings } from './index.js';

const OPENAI_API_KEY = 'sk-readme-lc-0123456789';
const ANTHROPIC_API_KEY = 'sk-ant-readme-lc-0123456789';

test('the README example runs as documented', async () => {
  const fake = await startFakeProviders();
  const out: string[] = [];
  const process = { stdout: { write: (text: string) => out.push(text) } };
  try {
    // --- README example (baseURL added) ---
    const factory = new ProviderFactory({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: {
        openai: { apiKey: OPENAI_API_KEY, baseURL: fake.baseURL.openai },
        anthropic: { apiKey: ANTHROPIC_API_KEY, baseURL: fake.baseURL.anthropic },
      },
    });
    const model = new ChatModelmux({ factory, model: 'auto' });

    const answer = await model.invoke('What is RAG?');
    const routed = modelmuxMetadataOf(answer); // { provider, model, strategy, attempts, costUsd, requestId, cached }

    const weather = tool(async ({ city }) => `18°C in ${city}`, {
      name: 'get_weather',
      description: 'The weather in a city',
      schema: z.object({ city: z.string() }),
    });
    const call = await model.bindTools([weather]).invoke('Weather in Paris?'); // call.tool_calls

    const Person = z.object({ name: z.string(), age: z.number() });
    const person = await model.withStructuredOutput(Person).invoke('Ada Lovelace was 36.');

    for await (const chunk of await model.stream('Tell me a story'))
      process.stdout.write(String(chunk.content));

    const embeddings = new ModelmuxEmbeddings({ factory, model: 'auto', dimensions: 256 });
    const vectors = await embeddings.embedDocuments(['alpha', 'beta']);
    const query = await embeddings.embedQuery('gamma');
    await factory.close();
    // --- end ---

    expect(String(answer.content).length).toBeGreaterThan(0);
    expect(routed).toMatchObject({ provider: 'openai', strategy: 'manual', cached: false });
    expect(call.tool_calls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
    expect(Person.safeParse(person).success).toBe(true);
    expect(out.join('').length).toBeGreaterThan(0);
    expect(vectors.map((v) => v.length)).toEqual([256, 256]);
    expect(query).toHaveLength(256);
    expect(fake.count('openai')).toBe(6);
  } finally {
    await fake.close();
  }
});

test('README.md shows the example above line for line (bar the baseURLs)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const lines = [
    "const model = new ChatModelmux({ factory, model: 'auto' });",
    "const answer = await model.invoke('What is RAG?');",
    'const routed = modelmuxMetadataOf(answer);',
    "const call = await model.bindTools([weather]).invoke('Weather in Paris?');",
    "const person = await model.withStructuredOutput(Person).invoke('Ada Lovelace was 36.');",
    "for await (const chunk of await model.stream('Tell me a story')) process.stdout.write(String(chunk.content));",
    "const embeddings = new ModelmuxEmbeddings({ factory, model: 'auto', dimensions: 256 });",
    "const vectors = await embeddings.embedDocuments(['alpha', 'beta']);",
    "const query = await embeddings.embedQuery('gamma');",
  ];
  for (const line of lines) expect(squash(readme)).toContain(squash(line));
});
