import type { ChatResult } from '@modelmux/core';
import { expectTypeOf, test } from 'vitest';
import {
  type BatchItem,
  type GenerateContentResponse,
  ProviderFactory,
  type RoutedLLM,
  type RoutedResult,
} from './index.js';

declare const factory: ProviderFactory;

test('the public API types', () => {
  expectTypeOf(factory.getProvider()).toEqualTypeOf<RoutedLLM>();
  expectTypeOf(factory.getProvider('openai').invoke('Hi')).resolves.toEqualTypeOf<
    RoutedResult<unknown>
  >();
  expectTypeOf<RoutedResult>().toExtend<ChatResult>();
  expectTypeOf(factory.generateContent('Hi')).resolves.toEqualTypeOf<GenerateContentResponse>();
  expectTypeOf(factory.batch(['a'])).resolves.toEqualTypeOf<BatchItem<RoutedResult>[]>();
  expectTypeOf(factory.on('fallback', (e) => expectTypeOf(e.from).toBeString())).toEqualTypeOf<
    () => void
  >();
  expectTypeOf(
    factory.on('breaker', (e) =>
      expectTypeOf(e.state).toEqualTypeOf<'open' | 'half-open' | 'closed'>(),
    ),
  ).toBeFunction();
  // @ts-expect-error an unknown event
  factory.on('nope', () => undefined);
  expectTypeOf(ProviderFactory.fromEnv).returns.toEqualTypeOf<ProviderFactory>();
  expectTypeOf(new ProviderFactory({ providers: { openai: {} } }).close()).resolves.toBeVoid();
});
