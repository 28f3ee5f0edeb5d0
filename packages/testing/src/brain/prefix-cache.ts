import type { NeutralChatRequest, NeutralMessage } from './neutral.js';

/** Prompts remembered per model (the oldest go first). */
const maxPrompts = 256;

function keyOf(m: NeutralMessage): string {
  return `${m.role}\u0000${m.text}\u0000${m.toolResult ?? ''}\u0000${JSON.stringify(m.toolCalls ?? [])}\u0001`;
}

function charsOf(m: NeutralMessage): number {
  return m.text.length + (m.toolResult?.length ?? 0);
}

/**
 * A vendor's automatic prompt cache, per model: a request whose leading messages repeat a
 * prompt this provider served before reads that prompt's characters from the cache (as OpenAI,
 * Anthropic, Gemini and Groq bill a warm prefix). Bounded; cleared with the provider's state.
 */
export class PrefixCache {
  private readonly prompts = new Map<string, Map<string, number>>();

  /** The characters of the longest served prompt this request starts with; then remembers this one. */
  observe(model: string, request: NeutralChatRequest): number {
    let seen = this.prompts.get(model);
    if (!seen) this.prompts.set(model, (seen = new Map()));
    let prefix = '';
    let chars = 0;
    let cached = 0;
    for (const message of request.messages) {
      prefix += keyOf(message);
      chars += charsOf(message);
      if (seen.has(prefix)) cached = chars;
    }
    seen.delete(prefix);
    seen.set(prefix, chars);
    if (seen.size > maxPrompts) {
      const oldest = seen.keys().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
    return cached;
  }

  clear(): void {
    this.prompts.clear();
  }
}
