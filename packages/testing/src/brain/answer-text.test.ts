import { describe, expect, it } from 'vitest';
import { answerText } from './answer-text.js';

describe('answerText', () => {
  it('answers with the context sentence that overlaps the question most', () => {
    const text = answerText([
      {
        role: 'system',
        text: 'Copper conducts electricity. The moon orbits the earth every month.',
      },
      { role: 'user', text: 'How often does the moon orbit the earth?' },
    ]);
    expect(text).toBe('The moon orbits the earth every month.');
  });

  it('uses earlier sentences of the last user message as context', () => {
    expect(
      answerText([
        { role: 'user', text: 'Zebras have stripes. Lions have manes. Which animal has stripes?' },
      ]),
    ).toBe('Zebras have stripes.');
  });

  it('quotes whole sentences of wrapped Markdown, not a line of one', () => {
    const context = [
      'Each kind is one row of a table in `@modelmux/core` (see',
      '[packages/resilience/README.md](packages/resilience/README.md)). A rate limit or',
      'quota error switches provider at once and skips that provider until its',
      '`retry-after` has passed.',
      '',
      '```sh',
      'npm install @modelmux/router',
      '```',
    ].join('\n');
    const ask = (question: string) =>
      answerText([
        { role: 'system', text: context },
        { role: 'user', text: question },
      ]);
    expect(ask('What happens after a quota error?')).toBe(
      'A rate limit or quota error switches provider at once and skips that provider until its `retry-after` has passed.',
    );
    expect(ask('How do I install the router?')).toBe('npm install @modelmux/router');
  });

  it('echoes the key words when no context overlaps', () => {
    expect(answerText([{ role: 'user', text: 'What is the boiling point of water?' }])).toBe(
      'Here is a short answer about boiling point water.',
    );
  });

  it('has a greeting when the question has no key words', () => {
    expect(answerText([{ role: 'user', text: 'hi' }])).toBe('Hello from the fake provider.');
  });

  it('uses every trailing tool result after tool calls', () => {
    const text = answerText([
      { role: 'user', text: 'weather?' },
      { role: 'assistant', text: '', toolCalls: [{ name: 'a', args: {} }] },
      { role: 'tool', text: '', toolResult: 'sunny' },
      { role: 'tool', text: '', toolResult: '21C' },
    ]);
    expect(text).toBe('Based on the tool result: sunny; 21C');
  });
});
