// Latency that means what users feel: under `latency`, streams go to the provider with the
// shortest observed time to first token, non-streaming calls to the shortest total latency.
// openai streams its first token at once but trickles the rest; groq waits, then answers at once.
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) void _;
}

describe('latency routing: time to first token for streams, total latency for calls', () => {
  test('a stream goes to the fast first token, a call to the fast total', async () => {
    const factory = make({
      routingStrategy: 'latency',
      providers: providersFor(fake, ['openai', 'groq']),
    });
    for (let i = 0; i < 2; i++) {
      fake.script('openai', [{ streamEventDelayMs: 40 }]);
      await drain(factory.getProvider('openai').stream(`warm openai ${i}`));
      fake.script('groq', [{ delayMs: 150 }]);
      await drain(factory.getProvider('groq').stream(`warm groq ${i}`));
    }
    expect(fake.count('openai')).toBe(2);
    expect(fake.count('groq')).toBe(2);

    fake.script('openai', [{ streamEventDelayMs: 40 }]);
    await drain(factory.getProvider().stream('routed stream'));
    expect(fake.count('openai')).toBe(3);
    expect(fake.count('groq')).toBe(2);

    const call = await factory.getProvider().invoke('routed call');
    expect(call.provider).toBe('groq');
    expect(fake.count('groq')).toBe(3);
  });
});
