import { countRequestTokens, type Message } from '@modelmux/core';
import { describe, expect, test } from 'vitest';
import { ConversationMemory, countMessageTokens } from './memory.js';

const user = (content: string): Message => ({ role: 'user', content });
const assistant = (content: string): Message => ({ role: 'assistant', content });

describe('ConversationMemory', () => {
  test('counts like core: its tokens equal countRequestTokens of the messages it holds', () => {
    const memory = new ConversationMemory('Be brief.');
    memory.add(user('What is a vector database?'));
    memory.add(assistant('A database that indexes embeddings for similarity search.'));
    expect(memory.tokens).toBe(countRequestTokens({ messages: memory.messages }));
    expect(countMessageTokens(user('hello'))).toBe(
      countRequestTokens({ messages: [user('hello')] }) - countRequestTokens({ messages: [] }),
    );
  });

  test('fit drops whole turns from the front, keeps the system prompt and the newest question', () => {
    const memory = new ConversationMemory('System.');
    for (let i = 0; i < 5; i++) {
      memory.add(user(`question ${i} ${'word '.repeat(20)}`));
      memory.add(assistant(`answer ${i} ${'word '.repeat(20)}`));
    }
    memory.add(user('last question'));
    const all = memory.tokens;
    const budget = Math.floor(all / 2);
    const fit = memory.fit(budget);
    expect(fit.tokens).toBeLessThanOrEqual(budget);
    expect(fit.dropped % 2).toBe(0); // question and answer go together
    expect(fit.messages[0]).toEqual({ role: 'system', content: 'System.' });
    expect(fit.messages[1]?.role).toBe('user'); // never an answer without its question
    expect(fit.messages.at(-1)).toEqual(user('last question'));
    expect(fit.tokens).toBe(countRequestTokens({ messages: fit.messages }));
    expect(memory.dropped).toBe(fit.dropped);
  });

  test('a question larger than the budget is still sent alone (the provider decides)', () => {
    const memory = new ConversationMemory();
    memory.add(user('old'));
    memory.add(assistant('old answer'));
    memory.add(user('x '.repeat(500)));
    const fit = memory.fit(10);
    expect(fit.messages).toEqual([user('x '.repeat(500))]);
    expect(fit.dropped).toBe(2);
  });

  test('everything that fits is kept; removeLast and clear forget', () => {
    const memory = new ConversationMemory();
    memory.add(user('a'));
    memory.add(assistant('b'));
    expect(memory.fit(10_000)).toMatchObject({ dropped: 0 });
    expect(memory.size).toBe(2);
    memory.removeLast();
    expect(memory.messages).toEqual([user('a')]);
    memory.clear();
    expect(memory.size).toBe(0);
    expect(memory.tokens).toBe(countRequestTokens({ messages: [] }));
  });
});
