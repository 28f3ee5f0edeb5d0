import type { Message } from '@modelmux/core';
import type { SearchHit } from './search-index.js';

/** Where a chunk comes from, as shown to the model and in citations: `file › heading`. */
export function sourceLabel(hit: SearchHit): string {
  return hit.chunk.heading === '' ? hit.chunk.path : `${hit.chunk.path} › ${hit.chunk.heading}`;
}

/**
 * The answer prompt: the numbered context chunks, then the instructions, in the system message;
 * the question alone as the user message. Chunks are shown by number only (`[2] text`): the
 * model cites numbers, and `citationsFor` maps them back to file and heading, so no file name or
 * heading competes with the passages. Context comes first so a model that quotes its context
 * quotes a chunk, not the instructions.
 */
export function buildPrompt(question: string, hits: readonly SearchHit[]): Message[] {
  const context = hits.map((hit, i) => `[${i + 1}] ${hit.chunk.text}`).join('\n\n');
  const system = [
    'Context:',
    context === '' ? '(nothing relevant was found)' : context,
    '',
    'Instructions: reply from the numbered context above only, in at most three sentences.',
    'Mark each fact with the number of its passage, like [2].',
    'If the context does not hold the reply, say so.',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: question },
  ];
}
