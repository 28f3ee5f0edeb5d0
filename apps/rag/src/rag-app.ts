import type { Usage } from '@modelmux/core';
import type { ProviderFactory, RoutedEmbedResult } from 'modelmux';
import { type Chunk, chunkCorpus, type ChunkOptions } from './chunk.js';
import { citationsFor, type Citation } from './citations.js';
import { type CorpusDocument, loadProjectDocs } from './corpus.js';
import { buildPrompt } from './prompt.js';
import { CorpusIndex, type RetrievalMode, type SearchHit, searchableText } from './search-index.js';

/** Progress of `ingest()`: documents read, then chunks embedded batch by batch, then indexed. */
export interface IngestProgress {
  phase: 'read' | 'embed' | 'index';
  done: number;
  total: number;
}

/** Options of {@link createRagApp}. */
export interface RagAppOptions {
  /** The modelmux factory every call goes through (see `createAppFactory`). */
  factory: ProviderFactory;
  /** The documents to answer from (default: the project's own docs, read from the repository). */
  corpus?: readonly CorpusDocument[] | (() => Promise<readonly CorpusDocument[]>);
  /** How documents are cut (default: 1200 characters, 150 of overlap). */
  chunking?: ChunkOptions;
  /** Texts per embedding call (default 32). */
  embedBatchSize?: number;
  /** Chunks given to the model as context (default 4). */
  topK?: number;
  /** The strategy the answer is routed by (default `'quality'`); rules in the config still apply. */
  strategy?: string;
  /** Largest answer, in tokens (default 400). */
  maxTokens?: number;
  /** Called as ingestion advances (the CLI draws a cli-progress bar with it). */
  onProgress?: (progress: IngestProgress) => void;
}

/** What `ingest()` did. */
export interface IngestReport {
  documents: number;
  /** The documents' paths, in corpus order. */
  files: string[];
  chunks: number;
  /** The provider and model every chunk was embedded with (the query is embedded with them too). */
  embeddingProvider: string;
  embeddingModel: string;
  dimensions: number;
  /** Embedding calls made. */
  calls: number;
  /** USD for the embeddings; undefined when the model's price is unknown. */
  costUsd: number | undefined;
  latencyMs: number;
}

/** One answer with the chunks it cites. */
export interface RagAnswer {
  question: string;
  answer: string;
  /** The context chunks the answer used, numbered as in the prompt. */
  citations: Citation[];
  /** Who answered, as routed. */
  provider: string;
  model: string;
  /** The routing strategy (or the rule's) that picked the provider. */
  strategy: string;
  /** USD: the answer plus the query's embedding; undefined when a price is unknown. */
  costUsd: number | undefined;
  /** Wall time of retrieval and answer. */
  latencyMs: number;
  usage: Usage;
  requestId: string;
  /** What was retrieved, and how (hybrid, or full text when no query vector could be made). */
  retrieval: { mode: RetrievalMode; hits: SearchHit[] };
  /** The providers tried before the answer (fallbacks), in order. */
  attempts: RoutedEmbedResult['attempts'];
}

/** A retrieval-augmented question answerer over a corpus, every model call routed by modelmux. */
export interface RagApp {
  /** Reads, chunks, embeds (through the router) and indexes the corpus. Runs once; later calls return the same report. */
  ingest(): Promise<IngestReport>;
  /** The best chunks for a query (ingests first if needed). */
  search(query: string, limit?: number): Promise<{ hits: SearchHit[]; mode: RetrievalMode }>;
  /** Answers from the retrieved chunks, routed by quality, with citations (ingests first if needed). */
  ask(question: string, options?: { signal?: AbortSignal }): Promise<RagAnswer>;
}

interface Ingested {
  index: CorpusIndex;
  report: IngestReport;
}

/**
 * A RAG app over the project's docs (or `corpus`): `ingest()` chunks and embeds through
 * `llm.embed` (routed to the providers that can embed; every later batch and the queries stay on
 * the provider that answered the first, so all vectors share one model), indexes in Orama
 * (hybrid full-text + vector); `ask()` retrieves the top chunks, answers with quality routing
 * and cites the chunks it used.
 *
 * @example
 * const { factory, close } = await createAppFactory();
 * const rag = createRagApp({ factory });
 * const { answer, citations, provider } = await rag.ask('How do I install the router?');
 * await close();
 */
export function createRagApp(options: RagAppOptions): RagApp {
  const { factory } = options;
  const topK = options.topK ?? 4;
  const batchSize = options.embedBatchSize ?? 32;
  if (!Number.isInteger(topK) || topK < 1)
    throw new RangeError(`topK must be a whole number ≥ 1, got ${topK}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`embedBatchSize must be a whole number ≥ 1, got ${batchSize}`);
  const progress = options.onProgress ?? ((): void => undefined);
  let ingesting: Promise<Ingested> | undefined;

  async function embedAll(chunks: readonly Chunk[]): Promise<{
    vectors: number[][];
    first: RoutedEmbedResult;
    calls: number;
    costUsd: number | undefined;
  }> {
    const texts = chunks.map(searchableText);
    const vectors: number[][] = [];
    let first: RoutedEmbedResult | undefined;
    let costUsd: number | undefined = 0;
    let calls = 0;
    progress({ phase: 'embed', done: 0, total: texts.length });
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      // The first batch is routed; the rest stay on its provider and model (one vector space).
      const llm = factory.getProvider(first?.provider);
      // No model is named: a fallback provider then uses its own, and the check below sees it.
      const result = await llm.embed(batch, { metadata: { task: 'embedding' } });
      calls++;
      if (first && (result.provider !== first.provider || result.model !== first.model))
        throw new Error(
          `embeddings switched from ${first.provider}/${first.model} to ${result.provider}/${result.model} mid-ingest (a fallback): vectors of different models cannot share one index; run ingest() again`,
        );
      first ??= result;
      costUsd =
        costUsd === undefined || result.costUsd === undefined
          ? undefined
          : costUsd + result.costUsd;
      vectors.push(...result.embeddings);
      progress({ phase: 'embed', done: vectors.length, total: texts.length });
    }
    if (!first) throw new Error('the corpus produced no chunks to embed');
    return { vectors, first, calls, costUsd };
  }

  async function run(): Promise<Ingested> {
    const started = performance.now();
    const source = options.corpus ?? loadProjectDocs;
    const docs = typeof source === 'function' ? await source() : source;
    progress({ phase: 'read', done: docs.length, total: docs.length });
    const chunks = chunkCorpus(docs, options.chunking);
    const { vectors, first, calls, costUsd } = await embedAll(chunks);
    progress({ phase: 'index', done: 0, total: chunks.length });
    const index = await CorpusIndex.create(chunks, vectors);
    progress({ phase: 'index', done: chunks.length, total: chunks.length });
    return {
      index,
      report: {
        documents: docs.length,
        files: docs.map((d) => d.path),
        chunks: chunks.length,
        embeddingProvider: first.provider,
        embeddingModel: first.model,
        dimensions: index.dimensions,
        calls,
        costUsd,
        latencyMs: Math.round(performance.now() - started),
      },
    };
  }

  function ingested(): Promise<Ingested> {
    ingesting ??= run().catch((error: unknown) => {
      ingesting = undefined; // a failed ingest may be retried
      throw error;
    });
    return ingesting;
  }

  /** Embeds the query with the index's provider and model; undefined (full-text only) if it cannot. */
  async function queryVector(
    query: string,
    report: IngestReport,
    signal: AbortSignal | undefined,
  ): Promise<{ vector: number[] | undefined; costUsd: number | undefined }> {
    try {
      const result = await factory.getProvider(report.embeddingProvider).embed([query], {
        metadata: { task: 'embedding' },
        ...(signal && { signal }),
      });
      if (result.provider !== report.embeddingProvider || result.model !== report.embeddingModel)
        return { vector: undefined, costUsd: result.costUsd };
      return { vector: result.embeddings[0], costUsd: result.costUsd };
    } catch (error) {
      if (signal?.aborted) throw error;
      return { vector: undefined, costUsd: 0 };
    }
  }

  async function retrieve(query: string, limit: number, signal?: AbortSignal) {
    const { index, report } = await ingested();
    const { vector, costUsd } = await queryVector(query, report, signal);
    const found = await index.search(query, { ...(vector && { vector }), limit });
    return { ...found, costUsd };
  }

  return {
    ingest: async () => (await ingested()).report,
    search: async (query, limit = topK) => {
      const { hits, mode } = await retrieve(query, limit);
      return { hits, mode };
    },
    ask: async (question, askOptions = {}) => {
      if (typeof question !== 'string' || question.trim() === '')
        throw new TypeError('ask(question): expected a non-empty question');
      const started = performance.now();
      const { hits, mode, costUsd: embedCost } = await retrieve(question, topK, askOptions.signal);
      const result = await factory.getProvider().invoke(buildPrompt(question, hits), {
        strategy: options.strategy ?? 'quality',
        maxTokens: options.maxTokens ?? 400,
        metadata: { task: 'rag-answer' },
        ...(askOptions.signal && { signal: askOptions.signal }),
      });
      const costUsd =
        result.costUsd === undefined || embedCost === undefined
          ? undefined
          : result.costUsd + embedCost;
      return {
        question,
        answer: result.text,
        citations: citationsFor(result.text, hits),
        provider: result.provider,
        model: result.model,
        strategy: result.strategy,
        costUsd,
        latencyMs: Math.round(performance.now() - started),
        usage: result.usage,
        requestId: result.requestId,
        retrieval: { mode, hits },
        attempts: result.attempts,
      };
    },
  };
}
