import type { RagApp } from '@modelmux/app-rag';
import { z } from 'zod';
import { defineTool } from '../tool.js';

/** Characters of each passage returned to the model. */
const passageChars = 400;

/**
 * `search_docs`: hybrid search over the RAG app's index of the project docs (the same corpus and
 * Orama index as apps/rag; the first search ingests it). Returns the best passages with their
 * source (`file › heading`).
 */
export function searchDocsTool(rag: RagApp, limit = 3) {
  return defineTool({
    name: 'search_docs',
    description:
      'Search the modelmux documentation (READMEs and architecture notes) and return the best passages with their source.',
    parameters: z.object({
      query: z.string().min(1).describe('What to look for, e.g. "install the router"'),
    }),
    execute: async ({ query }) => {
      const { hits } = await rag.search(query, limit);
      if (hits.length === 0) return `No passage of the docs matches "${query}".`;
      return hits
        .map((hit, i) => {
          const source = hit.chunk.heading
            ? `${hit.chunk.path} › ${hit.chunk.heading}`
            : hit.chunk.path;
          const text =
            hit.chunk.text.length > passageChars
              ? `${hit.chunk.text.slice(0, passageChars)}…`
              : hit.chunk.text;
          return `[${i + 1}] ${source}\n${text}`;
        })
        .join('\n\n');
    },
  });
}
