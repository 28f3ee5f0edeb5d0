// A `provider/model` id (what the drop-ins send: `getProvider(provider).invoke(x, { model })`)
// names a model of that provider only: a fallback is sent its own model. Seen at the fake.
import { defaultAnthropicModel } from '@modelmux/anthropic';
import { defaultGoogleModel } from '@modelmux/google';
import { describe, expect, test } from 'vitest';
import {
  type FakeProviders,
  providersFor,
  question,
  useFakeFactories,
} from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

function sentModel(vendor: 'openai' | 'anthropic', index = 0): unknown {
  return (fake.requests(vendor)[index]?.body as { model?: unknown } | undefined)?.model;
}

describe('a requested model goes to the provider it belongs to', () => {
  test('openai/gpt-4o with openai failing: openai is sent gpt-4o, the anthropic fallback its own model', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 500 }]);

    const result = await factory.getProvider('openai').invoke(question(), { model: 'gpt-4o' });

    expect(result.provider).toBe('anthropic');
    expect(fake.count('openai')).toBe(1);
    expect(fake.count('anthropic')).toBe(1);
    expect(sentModel('openai')).toBe('gpt-4o');
    expect(sentModel('anthropic')).toBe(defaultAnthropicModel);
    expect(result.model).toBe(defaultAnthropicModel);
  });

  test('streaming: the fallback before the first event is sent its own model too', async () => {
    const factory = make({
      primaryProvider: 'openai',
      fallbackProviders: ['anthropic'],
      providers: providersFor(fake, ['openai', 'anthropic']),
      maxRetries: 0,
    });
    fake.script('openai', [{ status: 503 }]);
    let text = '';
    for await (const event of factory.getProvider('openai').stream(question(), { model: 'gpt-4o' }))
      if (event.type === 'text-delta') text += event.text;
    expect(text.length).toBeGreaterThan(0);
    expect(sentModel('openai')).toBe('gpt-4o');
    expect(sentModel('anthropic')).toBe(defaultAnthropicModel);
  });

  test('a configured model of the fallback is kept; a model of the same family still applies', async () => {
    const factory = make({
      primaryProvider: 'anthropic',
      fallbackProviders: ['openai', 'google'],
      providers: {
        ...providersFor(fake, ['anthropic', 'openai']),
        google: { ...providersFor(fake, ['google']).google, model: defaultGoogleModel },
      },
      maxRetries: 0,
    });
    fake.script('anthropic', [{ status: 500 }]);
    fake.script('openai', [{ status: 500 }]);
    // No pin: an OpenAI model applies to openai only (its catalogue family).
    const result = await factory.getProvider().invoke(question(), { model: 'gpt-4o-mini' });
    expect(sentModel('anthropic')).toBe(defaultAnthropicModel);
    expect(sentModel('openai')).toBe('gpt-4o-mini');
    expect(result.provider).toBe('google');
    expect(result.model).toBe(defaultGoogleModel);
    expect(fake.count()).toBe(3);
  });
});
