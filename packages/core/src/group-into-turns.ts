import type { Message, SystemMessage } from './messages.js';

/** A message that becomes a turn: any but a system message. */
export type ConversationMessage = Exclude<Message, SystemMessage>;

/** One turn in a vendor's shape: its role and its items (content blocks, parts). */
export interface Turn<TRole extends string, TItem> {
  role: TRole;
  items: TItem[];
}

/**
 * Splits a conversation for vendors that take one system prompt beside turns whose roles must
 * alternate (Anthropic, Gemini): the system messages' text joined in order by a blank line
 * (`undefined` when there is none), and every other message made a turn by `toTurn(message,
 * index)` (`index` is its place in `messages`, for error fields), turns without items dropped and
 * consecutive turns of one role merged into one.
 *
 * @example
 * ```ts
 * const { system, turns } = groupIntoTurns<'user' | 'assistant', Block>(messages, (message, index) =>
 *   message.role === 'assistant' ? { role: 'assistant', items: assistantBlocks(message) } : { role: 'user', items: userBlocks(message, index) },
 * );
 * ```
 */
export function groupIntoTurns<TRole extends string, TItem>(
  messages: readonly Message[],
  toTurn: (message: ConversationMessage, index: number) => Turn<TRole, TItem>,
): { system: string | undefined; turns: Turn<TRole, TItem>[] } {
  const systems: string[] = [];
  const turns: Turn<TRole, TItem>[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      systems.push(message.content);
      return;
    }
    const { role, items } = toTurn(message, index);
    if (items.length === 0) return;
    const last = turns.at(-1);
    if (last && last.role === role) last.items.push(...items);
    else turns.push({ role, items: [...items] });
  });
  return { system: systems.length > 0 ? systems.join('\n\n') : undefined, turns };
}
