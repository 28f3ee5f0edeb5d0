// The RAG app end to end: the real adapters (official SDKs) against @modelmux/testing's fakes,
// through ProviderFactory, over the project's real docs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppFactory, createAppFactory } from './app-factory.js';
import { repoRoot } from './corpus.js';
import { createRagApp, type IngestProgress, type IngestReport, type RagApp } from './rag-app.js';

const isEmbedding = (p: string) => /embed/i.test(p);
const embedCalls = (fake: FakeProviders) => fake.requests().filter((r) => isEmbedding(r.path));

let fake: FakeProviders;
let app: AppFactory;
let rag: RagApp;
let report: IngestReport;
let ingestEmbeds: ReturnType<FakeProviders['requests']>;
const progress: IngestProgress[] = [];

beforeAll(async () => {
  fake = await startFakeProviders();
  app = await createAppFactory({ fake, env: {} });
  rag = createRagApp({ factory: app.factory, onProgress: (p) => progress.push(p) });
  report = await rag.ingest();
  ingestEmbeds = embedCalls(fake);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('ingest', () => {
  test('reads the project docs, chunks and embeds them through the router, reporting progress', async () => {
    expect(app.mode).toBe('fake');
    const expected = [
      'README.md',
      'ARCHITECTURE.md',
      'packages/core/README.md',
      'packages/router/README.md',
    ];
    expect(report.documents).toBeGreaterThanOrEqual(expected.length);
    expect(report.chunks).toBeGreaterThan(report.documents);
    expect(report.files.slice(0, 2)).toEqual(['README.md', 'ARCHITECTURE.md']);
    for (const file of expected) expect(report.files).toContain(file);
    // Progress: read, then embed from 0 to every chunk, then index.
    expect(progress[0]).toEqual({ phase: 'read', done: report.documents, total: report.documents });
    const embed = progress.filter((p) => p.phase === 'embed');
    expect(embed[0]).toEqual({ phase: 'embed', done: 0, total: report.chunks });
    expect(embed.at(-1)).toEqual({ phase: 'embed', done: report.chunks, total: report.chunks });
    expect(embed.length).toBe(report.calls + 1);
    expect(progress.at(-1)).toEqual({ phase: 'index', done: report.chunks, total: report.chunks });
    // ingest() runs once.
    expect(await rag.ingest()).toBe(report);
  });

  test('routed embeddings hit only an embedding-capable provider, one model for every batch', () => {
    expect(['openai', 'google']).toContain(report.embeddingProvider);
    // Every embedding request of the ingest went to the report's provider, one per batch.
    expect(ingestEmbeds.length).toBe(report.calls);
    expect(new Set(ingestEmbeds.map((r) => r.provider))).toEqual(
      new Set([report.embeddingProvider]),
    );
    expect(
      fake
        .requests()
        .filter((r) => isEmbedding(r.path) && ['anthropic', 'groq'].includes(r.provider)),
    ).toEqual([]);
    // One model: every batch names the same one (in the path for Gemini, in the body for OpenAI).
    const models = ingestEmbeds.map((r) => (r.body as { model?: string }).model ?? r.path);
    expect(new Set(models).size).toBe(1);
    const calls = ingestEmbeds;
    // The whole batch went in one request: 32 texts per call.
    const first = calls[0]?.body as { requests?: unknown[]; input?: unknown[] };
    expect((first.requests ?? first.input)?.length).toBe(Math.min(32, report.chunks));
  });
});

describe('ask', () => {
  test('retrieves the chunk that holds a known README fact', async () => {
    const readme = await readFile(path.join(repoRoot, 'packages/router/README.md'), 'utf8');
    expect(readme).toContain('npm install @modelmux/router');
    const { hits, mode } = await rag.search('How do I install the router?');
    expect(mode).toBe('hybrid');
    expect(hits[0]?.chunk).toMatchObject({ path: 'packages/router/README.md', heading: 'Install' });
    expect(hits[0]?.chunk.text).toContain('npm install @modelmux/router');
  });

  test('answers from the retrieved chunks with citations, routed by quality', async () => {
    const before = fake.requests().length;
    const answer = await rag.ask('How do I install the router?');
    expect(answer.answer).toContain('npm install @modelmux/router');
    expect(answer.citations[0]).toMatchObject({
      n: 1,
      path: 'packages/router/README.md',
      heading: 'Install',
      label: 'packages/router/README.md › Install',
    });
    expect(answer.strategy).toBe('quality');
    expect(answer.provider).toBe(app.factory.getBestQualityProvider().name);
    expect(answer.costUsd).toBeGreaterThan(0);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    // At the fake: one query embedding on the index's provider, then one chat call to the quality pick,
    // whose system prompt carries the retrieved chunk and its source.
    const sent = fake.requests().slice(before);
    expect(sent.map((r) => [r.provider, isEmbedding(r.path)])).toEqual([
      [report.embeddingProvider, true],
      [answer.provider, false],
    ]);
    const body = JSON.stringify(sent[1]?.body);
    expect(body).toContain('npm install @modelmux/router');
    expect(body).toContain('[1] ```sh\\nnpm install @modelmux/router');
    expect(body).toContain('How do I install the router?');
  });

  test('an empty question is a TypeError, nothing sent', async () => {
    const before = fake.count();
    await expect(rag.ask('  ')).rejects.toThrow(TypeError);
    expect(fake.count()).toBe(before);
  });

  test('when the query cannot be embedded with the index model, retrieval falls back to full text', async () => {
    // The index's provider refuses the query's embedding (a 400 is the caller's error: no retry,
    // no fallback), so no vector of the index's model exists for it: BM25 alone ranks the chunks.
    fake.script(report.embeddingProvider as 'google' | 'openai', [{ status: 400 }]);
    const answer = await rag.ask('How do I install the router?');
    expect(answer.retrieval.mode).toBe('full-text');
    expect(answer.retrieval.hits[0]?.chunk.path).toBe('packages/router/README.md');
    expect(answer.answer).toContain('npm install @modelmux/router');
  });
});

describe('ask after the index provider fails over', () => {
  test('a query embedded by a fallback provider (another model) is not compared with the index', async () => {
    // A bad key on the index's provider: the executor falls back to the other embedding provider,
    // whose vectors live in another space; the app sees the switch and searches full text only.
    fake.script(report.embeddingProvider as 'google' | 'openai', [{ status: 401 }]);
    const before = embedCalls(fake).length;
    const answer = await rag.ask('How do I install the router?');
    const other = report.embeddingProvider === 'google' ? 'openai' : 'google';
    expect(
      embedCalls(fake)
        .slice(before)
        .map((r) => r.provider),
    ).toEqual([report.embeddingProvider, other]);
    expect(answer.retrieval.mode).toBe('full-text');
    expect(answer.citations[0]?.label).toBe('packages/router/README.md › Install');
  });
});

describe('createAppFactory', () => {
  test('no key in the environment: the fakes; a key: the providers found, through fromEnv', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-real-mode', OPENAI_BASE_URL: fake.baseURL.openai };
    const real = await createAppFactory({ env });
    try {
      expect(real.mode).toBe('real');
      expect(real.providers).toEqual(['openai']);
      expect(real.describe()).toBe('real providers found in the environment: openai');
      expect(real.describe()).not.toContain('sk-test');
      const before = fake.count('openai');
      const res = await real.factory.getProvider().invoke('Hello');
      expect(res.provider).toBe('openai');
      expect(fake.count('openai')).toBe(before + 1);
    } finally {
      await real.close();
    }
  });

  test("mode 'real' with no key: core's ConfigError names the variables to set", async () => {
    await expect(createAppFactory({ env: {}, mode: 'real' })).rejects.toThrow(/OPENAI_API_KEY/);
  });

  test('embeddings route to a provider that can embed even when the chat primary cannot', async () => {
    const local = await createAppFactory({
      fake,
      env: {},
      config: { primaryProvider: 'anthropic', fallbackProviders: ['groq', 'openai'] },
    });
    try {
      const small = createRagApp({
        factory: local.factory,
        corpus: [{ path: 'notes.md', text: '# Notes\n\nThe moon orbits the earth every month.' }],
      });
      const before = embedCalls(fake).length;
      const r = await small.ingest();
      expect(r).toMatchObject({ documents: 1, chunks: 1, embeddingProvider: 'openai', calls: 1 });
      expect(
        embedCalls(fake)
          .slice(before)
          .map((c) => c.provider),
      ).toEqual(['openai']);
    } finally {
      await local.close();
    }
  });

  test('a fallback to another embedding model mid-ingest fails the ingest, which can be run again', async () => {
    const local = await createAppFactory({ fake, env: {} });
    try {
      const corpus = [
        { path: 'a.md', text: '# A\n\nAlpha facts.' },
        { path: 'b.md', text: '# B\n\nBeta facts.' },
      ];
      const small = createRagApp({ factory: local.factory, corpus, embedBatchSize: 1 });
      // The first batch is answered, the second refused with a bad key: the executor falls back.
      fake.script(report.embeddingProvider as 'google' | 'openai', ['ok', { status: 401 }]);
      await expect(small.ingest()).rejects.toThrow(/mid-ingest.*run ingest\(\) again/);
      const again = await small.ingest();
      // The provider with the bad key is left out now; the other one embeds every chunk.
      expect(again).toMatchObject({ chunks: 2, calls: 2 });
      expect(['openai', 'google']).toContain(again.embeddingProvider);
      expect(again.embeddingProvider).not.toBe(report.embeddingProvider);
    } finally {
      await local.close();
    }
  });

  test("no provider that can embed: ingest rejects with the router's reasons, nothing sent", async () => {
    const env = {
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: fake.baseURL.anthropic,
      GROQ_API_KEY: 'gsk_test',
      GROQ_BASE_URL: fake.baseURL.groq,
    };
    const chatOnly = await createAppFactory({ env });
    try {
      const before = fake.count();
      const small = createRagApp({
        factory: chatOnly.factory,
        corpus: [{ path: 'n.md', text: '# N\n\nSome text.' }],
      });
      const failure = small.ingest();
      await expect(failure).rejects.toMatchObject({ name: 'ModelmuxNoProviderAvailableError' });
      await expect(failure).rejects.toThrow(/anthropic.*cannot embed/);
      expect(fake.count()).toBe(before);
    } finally {
      await chatOnly.close();
    }
  });
});
