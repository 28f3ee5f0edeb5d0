import { expectTypeOf, test } from 'vitest';
import type { EmbedResult, Provider } from '@modelmux/core';
import { createOpenAI } from './openai-provider.js';

test('an OpenAI provider is a Provider with a required embed', () => {
  const openai = createOpenAI({ apiKey: 'sk-typeTest0123456789' });
  expectTypeOf(openai).toExtend<Provider>();
  expectTypeOf(openai.embed).returns.resolves.toEqualTypeOf<EmbedResult>();
});
