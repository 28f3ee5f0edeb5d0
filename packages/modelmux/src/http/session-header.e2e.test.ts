// The `x-modelmux-session` header (what the gateway forwards) is the session id of session
// affinity: a conversation stays on one provider even under round-robin. Counted at the fake.
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';
import { createOpenAIHandler } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const chat = (headers: Record<string, string>) =>
  new Request('http://gateway/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] }),
  });

describe('x-modelmux-session', () => {
  test('pins the conversation under round-robin; without it requests rotate', async () => {
    const handle = createOpenAIHandler(
      make({
        routingStrategy: 'round-robin',
        providers: providersFor(fake, ['openai', 'anthropic']),
        sessionAffinity: true,
      }),
    );
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await handle(chat({ 'x-modelmux-session': 'conv-7' }));
      expect(response.status).toBe(200);
      served.push(response.headers.get('x-modelmux-provider') ?? '');
    }
    expect(new Set(served).size).toBe(1);
    expect(fake.count(served[0] as 'openai')).toBe(4);
    const rotated: string[] = [];
    for (let i = 0; i < 2; i++)
      rotated.push((await handle(chat({}))).headers.get('x-modelmux-provider') ?? '');
    expect(new Set(rotated).size).toBe(2);
  });
});
