import { describe, expect, it } from 'vitest';
import { groupIntoTurns, type ConversationMessage } from './group-into-turns.js';
import type { Message } from './messages.js';

/** A vendor in miniature: tool results go back as user turns; items are the message's text, none when empty. */
const toTurn = (message: ConversationMessage, index: number) => {
  const text =
    message.role === 'tool'
      ? `result ${message.toolCallId}`
      : typeof message.content === 'string'
        ? message.content
        : '(parts)';
  return {
    role: message.role === 'assistant' ? ('assistant' as const) : ('user' as const),
    items: text === '' ? [] : [`${index}:${text}`],
  };
};

describe('groupIntoTurns', () => {
  it('joins the system messages in order by a blank line, wherever they stand', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Answer in French.' },
    ];
    expect(groupIntoTurns(messages, toTurn)).toEqual({
      system: 'Be brief.\n\nAnswer in French.',
      turns: [{ role: 'user', items: ['1:Hi'] }],
    });
  });

  it('has no system when there is no system message, and no turns for no messages', () => {
    expect(groupIntoTurns([{ role: 'user', content: 'Hi' }], toTurn).system).toBeUndefined();
    expect(groupIntoTurns([], toTurn)).toEqual({ system: undefined, turns: [] });
  });

  it('merges consecutive turns of one role, drops turns without items, and gives toTurn each message index', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: 'Checking.',
        toolCalls: [{ id: 'a', name: 'w', args: {}, rawArgs: '{}' }],
      },
      { role: 'tool', toolCallId: 'a', result: 'sunny' },
      { role: 'user', content: 'And tomorrow?' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'Hello?' },
    ];
    expect(groupIntoTurns(messages, toTurn).turns).toEqual([
      { role: 'user', items: ['1:Weather?'] },
      { role: 'assistant', items: ['2:Checking.'] },
      { role: 'user', items: ['3:result a', '4:And tomorrow?', '6:Hello?'] },
    ]);
  });

  it('does not change the items toTurn returned', () => {
    const items = ['x'];
    groupIntoTurns(
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      (_m, i) => (i === 0 ? { role: 'user', items } : { role: 'user', items: ['y'] }),
    );
    expect(items).toEqual(['x']);
  });
});
