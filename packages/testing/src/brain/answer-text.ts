import type { NeutralMessage } from './neutral.js';
import { keywords, overlap, sentences } from './words.js';

/**
 * The default text answer. After a tool result: a sentence that uses the result. Otherwise the
 * context sentence (system text, earlier turns, earlier sentences of the last user message) that
 * overlaps the question most, or, with no overlapping context, a short answer echoing the
 * question's key words.
 */
export function answerText(messages: NeutralMessage[]): string {
  const last = messages[messages.length - 1];
  if (last?.role === 'tool') {
    const results = trailingToolResults(messages);
    return `Based on the tool result: ${results.join('; ')}`;
  }
  const lastUserIndex = findLastIndex(messages, (m) => m.role === 'user');
  const lastUser = lastUserIndex >= 0 ? (messages[lastUserIndex] as NeutralMessage).text : '';
  const userSentences = sentences(lastUser);
  const question = userSentences[userSentences.length - 1] ?? '';
  const context = [
    ...messages.filter((_, i) => i !== lastUserIndex).flatMap((m) => sentences(m.text)),
    ...userSentences.slice(0, -1),
  ];
  let best: string | undefined;
  let bestScore = 0;
  for (const sentence of context) {
    const score = overlap(question, sentence);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  if (best) return best;
  const echo = [...new Set(keywords(question))].slice(0, 8);
  return echo.length > 0
    ? `Here is a short answer about ${echo.join(' ')}.`
    : 'Hello from the fake provider.';
}

function trailingToolResults(messages: NeutralMessage[]): string[] {
  const out: string[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--)
    out.unshift(messages[i]?.toolResult ?? messages[i]?.text ?? '');
  return out;
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return i;
  return -1;
}
