import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import type { Chunk } from './chunk.js';

/** A retrieved chunk with its hybrid score (higher is better). */
export interface SearchHit {
  chunk: Chunk;
  score: number;
}

/** How a search was run: both halves, or full text only (no query vector of the index's model). */
export type RetrievalMode = 'hybrid' | 'full-text';

/** The text of a chunk that is embedded and searched: its headings, then its text. */
export function searchableText(chunk: Chunk): string {
  return `${chunk.headings.join(' › ')}\n${chunk.text}`;
}

/**
 * An Orama index of chunks: full text (BM25 over headings and text, headings boosted) plus one
 * vector per chunk, searched in hybrid mode. The vector size is the embedding model's, learnt
 * from the first batch.
 */
export class CorpusIndex {
  private constructor(
    private readonly db: AnyOrama,
    private readonly chunks: ReadonlyMap<string, Chunk>,
    /** The vector size of every document. */
    readonly dimensions: number,
  ) {}

  /** Builds the index from chunks and their vectors (same order, same length). */
  static async create(
    chunks: readonly Chunk[],
    vectors: readonly number[][],
  ): Promise<CorpusIndex> {
    if (chunks.length !== vectors.length)
      throw new RangeError(
        `expected one vector per chunk: ${chunks.length} chunks, ${vectors.length} vectors`,
      );
    const dimensions = vectors[0]?.length ?? 0;
    if (dimensions === 0) throw new RangeError('cannot index an empty corpus');
    const mismatch = vectors.findIndex((v) => v.length !== dimensions);
    if (mismatch >= 0)
      throw new RangeError(
        `vector ${mismatch} has ${vectors[mismatch]?.length} dimensions, the first has ${dimensions}: embed every chunk with one model`,
      );
    const db = create({
      schema: {
        id: 'string',
        path: 'string',
        heading: 'string',
        headings: 'string',
        text: 'string',
        embedding: `vector[${dimensions}]`,
      } as const,
    });
    await insertMultiple(
      db,
      chunks.map((chunk, i) => ({
        id: chunk.id,
        path: chunk.path,
        heading: chunk.heading,
        headings: chunk.headings.join(' › '),
        text: chunk.text,
        embedding: vectors[i] as number[],
      })),
    );
    return new CorpusIndex(db, new Map(chunks.map((c) => [c.id, c])), dimensions);
  }

  /** The number of chunks indexed. */
  get size(): number {
    return this.chunks.size;
  }

  /**
   * The best chunks for a query. With a query vector of the index's size: hybrid (BM25 and
   * cosine similarity, weighted `textWeight` / 1 − `textWeight`); without one: full text only.
   */
  async search(
    term: string,
    options: { vector?: number[]; limit?: number; textWeight?: number } = {},
  ): Promise<{ hits: SearchHit[]; mode: RetrievalMode }> {
    const limit = options.limit ?? 4;
    const textWeight = options.textWeight ?? 0.5;
    const vector = options.vector?.length === this.dimensions ? options.vector : undefined;
    const boost = { headings: 2, heading: 2 };
    const result = vector
      ? await search(this.db, {
          mode: 'hybrid',
          term,
          vector: { value: vector, property: 'embedding' },
          properties: ['headings', 'text'],
          similarity: 0.1,
          limit,
          hybridWeights: { text: textWeight, vector: 1 - textWeight },
          boost,
        })
      : await search(this.db, { term, properties: ['headings', 'text'], limit, boost });
    const hits: SearchHit[] = [];
    for (const hit of result.hits) {
      const chunk = this.chunks.get(String((hit.document as { id: unknown }).id));
      if (chunk) hits.push({ chunk, score: hit.score });
    }
    return { hits, mode: vector ? 'hybrid' : 'full-text' };
  }
}
