import { sourceLabel } from './prompt.js';
import type { SearchHit } from './search-index.js';

/** A context chunk an answer used. */
export interface Citation {
  /** Its number in the prompt (`[n]`). */
  n: number;
  /** The chunk id, `path#heading-slug-k`. */
  id: string;
  path: string;
  heading: string;
  /** `path › heading`, for display. */
  label: string;
  /** The retrieval score. */
  score: number;
}

function cite(hit: SearchHit, index: number): Citation {
  return {
    n: index + 1,
    id: hit.chunk.id,
    path: hit.chunk.path,
    heading: hit.chunk.heading,
    label: sourceLabel(hit),
    score: hit.score,
  };
}

const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The chunks an answer used: those it marks `[n]` (the prompt asks for marks); without marks,
 * the chunks that contain a sentence of the answer word for word (a model that quotes); failing
 * both, every chunk it was given (it answered from all of them).
 */
export function citationsFor(answer: string, hits: readonly SearchHit[]): Citation[] {
  const marked = new Set<number>();
  for (const match of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g))
    for (const n of (match[1] as string).split(','))
      if (Number(n) >= 1 && Number(n) <= hits.length) marked.add(Number(n) - 1);
  if (marked.size > 0)
    return [...marked].sort((a, b) => a - b).map((i) => cite(hits[i] as SearchHit, i));
  const unmarked = answer.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, ' ');
  const sentences = (unmarked.match(/[^.!?\n]+[.!?]*/g) ?? [])
    .map(squash)
    .filter((s) => s.length >= 12);
  const quoted = hits
    .map((hit, i) => ({ hit, i }))
    .filter(({ hit }) => sentences.some((s) => squash(hit.chunk.text).includes(s)));
  if (quoted.length > 0) return quoted.map(({ hit, i }) => cite(hit, i));
  return hits.map(cite);
}
