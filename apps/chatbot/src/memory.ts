import { countRequestTokens, type Message, tokenEstimates } from '@modelmux/core';

/** One remembered message with its token count (counted once, when it is added). */
interface Entry {
  message: Message;
  tokens: number;
}

/** What `ConversationMemory.fit` kept and dropped. */
export interface FitReport {
  /** Messages sent: the system prompt (if any) and the turns that fit. */
  messages: Message[];
  /** Input tokens of `messages`, with core's per-request framing. */
  tokens: number;
  /** Messages dropped from the front to make room (0 when everything fits). */
  dropped: number;
}

/** Tokens of one message as core's `countRequestTokens` counts it (text plus per-message framing). */
export function countMessageTokens(message: Message): number {
  return countRequestTokens({ messages: [message] }) - tokenEstimates.perRequest;
}

/**
 * The conversation a chatbot remembers, trimmed to a model's context window. Each message is
 * counted once with `@modelmux/core`'s token counting when it is added; `fit(budget)` drops the
 * oldest turns (a user message and the answers after it, together) until the rest fits, so a
 * turn is never cut in half. The system prompt and the newest user message are always kept.
 */
export class ConversationMemory {
  private readonly entries: Entry[] = [];
  private readonly system: Entry | undefined;
  private total = 0;
  private droppedTotal = 0;

  constructor(system?: string) {
    if (system !== undefined && system !== '') {
      const message: Message = { role: 'system', content: system };
      this.system = { message, tokens: countMessageTokens(message) };
    }
  }

  /** Adds a message (counted now, once). */
  add(message: Message): void {
    const tokens = countMessageTokens(message);
    this.entries.push({ message, tokens });
    this.total += tokens;
  }

  /** The remembered messages (the system prompt first), as sent when everything fits. */
  get messages(): Message[] {
    return [
      ...(this.system ? [this.system.message] : []),
      ...this.entries.map((entry) => entry.message),
    ];
  }

  /** Input tokens of everything remembered, system prompt and request framing included. */
  get tokens(): number {
    return tokenEstimates.perRequest + (this.system?.tokens ?? 0) + this.total;
  }

  /** Messages dropped so far to fit the context window. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Remembered messages, the system prompt not counted. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * Drops the oldest turns until the conversation fits in `budget` input tokens, and returns
   * what to send. Dropped messages are forgotten for good (memory stays bounded).
   */
  fit(budget: number): FitReport {
    let dropped = 0;
    while (this.tokens > budget && this.entries.length > 1) {
      // A turn is a user message and everything up to the next one.
      let end = 1;
      while (end < this.entries.length - 1 && this.entries[end]?.message.role !== 'user') end += 1;
      for (const entry of this.entries.splice(0, end)) this.total -= entry.tokens;
      dropped += end;
    }
    this.droppedTotal += dropped;
    return { messages: this.messages, tokens: this.tokens, dropped };
  }

  /** Forgets the newest message (a question whose answer failed or was stopped before any text). */
  removeLast(): void {
    const entry = this.entries.pop();
    if (entry) this.total -= entry.tokens;
  }

  /** Forgets the conversation (keeps the system prompt). */
  clear(): void {
    this.entries.length = 0;
    this.total = 0;
  }
}
