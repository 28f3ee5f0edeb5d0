// The real `openai` SDK, unchanged, on `factory.openaiFetch()`: every call is served in process
// by the handler and routed by the factory to the fake vendors. What reached a vendor is read at
// the fake.
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

function clientOf(factory: ReturnType<typeof make>): OpenAI {
  return new OpenAI({
    apiKey: 'unused',
    baseURL: 'http://modelmux/v1',
    fetch: factory.openaiFetch(),
    maxRetries: 0,
  });
}

describe('openaiFetch(): chat.completions.create', () => {
  test('a plain call is routed to the provider named by the model id', async () => {
    const factory = make({ providers: providersFor(fake, ['openai', 'anthropic']) });
    const client = clientOf(factory);
    const { data, response } = await client.chat.completions
      .create({ model: 'anthropic', messages: [{ role: 'user', content: 'What is RAG?' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toMatch(/\w/);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-modelmux-provider')).toBe('anthropic');
    expect(Number(response.headers.get('x-modelmux-attempts'))).toBe(1);
    expect(Number(response.headers.get('x-modelmux-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(fake.count('anthropic')).toBe(1);
    expect(fake.count('openai')).toBe(0);
  });
});
