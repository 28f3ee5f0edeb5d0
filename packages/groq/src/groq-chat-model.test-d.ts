import { expectTypeOf, test } from 'vitest';
import type { Provider } from '@modelmux/core';
import { createGroq } from './groq-provider.js';

test('a Groq provider is a Provider whose type has no embed', () => {
  const groq = createGroq({ apiKey: 'gsk_typeTest0123456789' });
  expectTypeOf(groq).toExtend<Provider>();
  expectTypeOf(groq).not.toHaveProperty('embed');
});
