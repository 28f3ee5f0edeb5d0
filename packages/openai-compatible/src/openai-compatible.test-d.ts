import type { Provider } from '@modelmux/core';
import { expectTypeOf, test } from 'vitest';
import type {
  OpenAICompatibleChatModel,
  OpenAICompatibleClient,
  OpenAIChatWireMessage,
  OpenAIChatWireRequest,
} from './index.js';

test('a model built on the base class is a Provider without embed', () => {
  expectTypeOf<OpenAICompatibleChatModel<OpenAICompatibleClient>>().toExtend<Provider>();
  expectTypeOf<OpenAICompatibleChatModel<OpenAICompatibleClient>>().not.toHaveProperty('embed');
});

test('the wire request carries wire messages and a model', () => {
  expectTypeOf<OpenAIChatWireRequest['messages']>().toEqualTypeOf<OpenAIChatWireMessage[]>();
  expectTypeOf<OpenAIChatWireRequest['model']>().toEqualTypeOf<string>();
});
