// Issue 24: a server that sends a second choice unasked (ignoring `n`) — choice 0 is the answer,
// the other is never interleaved into it. The fake sends it in OpenAI's real wire format.
import { collectEvents, startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

const first = 'The first choice is the answer and it has several words in it.';
const second = 'A SECOND CHOICE NOBODY ASKED FOR, SENT BY A SERVER THAT IGNORES n.';
const hi = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('a second choice sent unasked', () => {
  const openai = () =>
    createOpenAI({ apiKey: 'sk-choice-test-0123456789', baseURL: fake.baseURL.openai });

  it('generate keeps choice 0', async () => {
    fake.script('openai', [{ reply: { text: first, secondChoice: second } }]);
    const result = await openai().generate(hi);
    expect(result.text).toBe(first);
  });

  it('a stream keeps choice 0 only (its chunks are interleaved on the wire)', async () => {
    fake.script('openai', [{ reply: { text: first, secondChoice: second } }]);
    const events = await collectEvents(openai().stream(hi));
    const text = events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
    expect(text).toBe(first);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });
});
