import type { Message } from '@modelmux/core';
import type { SearchHit } from './search-index.js';

/** Where a chunk comes from, as shown to the model and in citations: `file › heading`. */
export function sourceLabel(hit: SearchHit): string {
  return hit.chunk.heading === '' ? hit.chunk.path : `${hit.chunk.path} › ${hit.chunk.heading}`;
}

/**
 * The answer prompt: the numbered context chunks (each followed by its source), then the
 * instructions, in the system message; the question alone as the user message. Context comes
 * first so a model that quotes its context quotes a chunk, not the instructions.
 */
export function buildPrompt(question: string, hits: readonly SearchHit[]): Message[] {
  const context = hits
    .map((hit, i) => `${hit.chunk.text}\n(source [${i + 1}]: ${sourceLabel(hit)})`)
    .join('\n\n');
  const system = [
    'Context:',
    context === '' ? '(nothing relevant was found)' : context,
    '',
    'Instructions: reply from the numbered context above only, in at most three sentences.',
    'Mark each fact with the number of its source, like [2].',
    'If the context does not hold the reply, say so.',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: question },
  ];
}
