import { expectTypeOf, test } from 'vitest';
import type { EmbedResult, Provider } from '@modelmux/core';
import { createGroq } from './groq-provider.js';

test('a Groq provider is a Provider (its embed always rejects, but keeps the contract type)', () => {
  const groq = createGroq({ apiKey: 'gsk_typeTest0123456789' });
  expectTypeOf(groq).toExtend<Provider>();
  expectTypeOf(groq.embed).returns.resolves.toEqualTypeOf<EmbedResult>();
});
