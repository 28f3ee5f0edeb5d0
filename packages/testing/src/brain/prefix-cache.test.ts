import { describe, expect, it } from 'vitest';
import type { NeutralChatRequest, NeutralMessage } from './neutral.js';
import { PrefixCache } from './prefix-cache.js';

const chat = (...texts: string[]): NeutralChatRequest => ({
  model: 'm',
  messages: texts.map((text, i): NeutralMessage => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    text,
  })),
  tools: [],
  toolChoice: 'auto',
  stream: false,
  cacheableChars: 0,
});

describe('PrefixCache', () => {
  it('reads the longest prompt served before that the request starts with, per model', () => {
    const cache = new PrefixCache();
    expect(cache.observe('m', chat('aaaa'))).toBe(0);
    expect(cache.observe('m', chat('aaaa', 'bb', 'cc'))).toBe(4);
    expect(cache.observe('m', chat('aaaa', 'bb', 'cc', 'dd', 'ee'))).toBe(8);
    expect(cache.observe('other', chat('aaaa', 'bb', 'cc'))).toBe(0);
    expect(cache.observe('m', chat('zzzz', 'bb'))).toBe(0);
    cache.clear();
    expect(cache.observe('m', chat('aaaa', 'bb', 'cc'))).toBe(0);
  });
});
