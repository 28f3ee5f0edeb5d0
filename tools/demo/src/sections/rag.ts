import { NoProviderAvailableError } from '@modelmux/core';
import { createRagApp, type RagAnswer, type RagApp } from '@modelmux/app-rag';
import type { TourContext } from '../tour-context.js';
import { failedAttempts } from '../tour-context.js';
import { usd } from '../request-line.js';

/** The question the tour asks the RAG app. */
export const ragQuestion = 'What happens when a provider answers 429?';

/**
 * 1. RAG (apps/rag): ingests the project's docs (chunks embedded through the router, indexed in
 * Orama), then answers one question with quality routing and cites the chunks it used.
 */
export async function ragSection(
  ctx: TourContext,
): Promise<{ rag: RagApp; answer: RagAnswer } | undefined> {
  ctx.print('\n1. RAG over the project docs (apps/rag): embeddings routed, answer by quality');
  const rag = createRagApp({ factory: ctx.factory, maxTokens: 200 });
  let ingest;
  try {
    ingest = await rag.ingest();
  } catch (error) {
    // Only OpenAI and Gemini embed: with other providers alone there is nothing to index with.
    if (!NoProviderAvailableError.isInstance(error)) throw error;
    ctx.print(
      `   skipped: no configured provider can embed (set OPENAI_API_KEY or GOOGLE_API_KEY): ${error.message
        .split('\n')
        .slice(1)
        .map((line) => line.replace(/^\s*-\s*/, ''))
        .join('; ')}`,
    );
    return undefined;
  }
  ctx.print(
    `   ingested ${ingest.documents} documents → ${ingest.chunks} chunks; ${ingest.calls} embedding calls on ${ingest.embeddingProvider}/${ingest.embeddingModel} (${usd(ingest.costUsd)}, ${ingest.latencyMs} ms)`,
  );
  ctx.print(`   Q: ${ragQuestion}`);
  const answer = await rag.ask(ragQuestion);
  ctx.record({
    provider: answer.provider,
    model: answer.model,
    routedBy: answer.strategy,
    latencyMs: Math.round(answer.latencyMs),
    tokens: answer.usage.inputTokens + answer.usage.outputTokens,
    costUsd: answer.costUsd,
    fallbacks: failedAttempts(answer.attempts),
  });
  ctx.print(wrap(`   A: ${oneLine(answer.answer, Infinity)}`, 100, '      '));
  for (const c of answer.citations.slice(0, 3)) ctx.print(`      [${c.n}] ${c.label}`);
  return { rag, answer };
}

/** A text on one line, cut after the last whole word that fits in `max` characters (then `…`). */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** `line` broken at spaces into lines of at most `width` characters, the next ones indented. */
export function wrap(line: string, width: number, indent: string): string {
  const leading = /^\s*/.exec(line)?.[0] ?? '';
  const lines: string[] = [];
  let current = leading;
  for (const word of line.slice(leading.length).split(' ')) {
    if (current.trim() !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `${indent}${word}`;
    } else current = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}
