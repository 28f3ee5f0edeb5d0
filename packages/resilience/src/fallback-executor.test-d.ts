import type { ChatResult, EmbedResult, ErrorKind, Provider, StreamEvent } from '@modelmux/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type Candidate,
  type Disposable,
  type FailureEvent,
  type Policy,
  type ProviderStatus,
  type Validator,
  circuitBreaker,
  createFallbackExecutor,
  retry,
  timeout,
  wrap,
} from './index.js';

declare const openai: Provider;

describe('public types', () => {
  it('generate keeps the structured output type; stream and embed return the contract types', () => {
    const executor = createFallbackExecutor();
    const schema = z.object({ city: z.string() });
    expectTypeOf(
      executor.generate([openai], { messages: [], responseFormat: { type: 'json', schema } }),
    ).toEqualTypeOf<Promise<ChatResult<{ city: string }>>>();
    expectTypeOf(executor.stream([openai], { messages: [] })).toEqualTypeOf<
      AsyncIterable<StreamEvent>
    >();
    expectTypeOf(executor.embed([openai], { input: ['x'] })).toEqualTypeOf<Promise<EmbedResult>>();
    expectTypeOf(executor.status()).toEqualTypeOf<ProviderStatus[]>();
  });

  it('a plan entry is a provider or a provider with a model', () => {
    expectTypeOf(openai).toMatchTypeOf<Candidate>();
    expectTypeOf({ provider: openai, model: 'gpt-4o' }).toMatchTypeOf<Candidate>();
    expectTypeOf({ model: 'gpt-4o' }).not.toMatchTypeOf<Candidate>();
  });

  it('events are typed and disposable', () => {
    const executor = createFallbackExecutor();
    expectTypeOf(executor.onFailure).parameter(0).parameter(0).toEqualTypeOf<FailureEvent>();
    expectTypeOf(executor.onFailure(() => undefined)).toEqualTypeOf<Disposable>();
    executor.onFailure((event) => expectTypeOf(event.kind).toEqualTypeOf<ErrorKind>());
  });

  it('policies share one shape and compose', () => {
    expectTypeOf(retry()).toMatchTypeOf<Policy>();
    expectTypeOf(timeout(1)).toMatchTypeOf<Policy>();
    expectTypeOf(circuitBreaker({ name: 'x' })).toMatchTypeOf<Policy>();
    expectTypeOf(
      wrap(retry(), timeout(1)).execute(async ({ signal, attempt }) => ({ signal, attempt })),
    ).toEqualTypeOf<Promise<{ signal: AbortSignal; attempt: number }>>();
  });

  it('a validator returns a reason or undefined, sync or async', () => {
    expectTypeOf({ name: 'v', validate: () => undefined }).toMatchTypeOf<Validator>();
    expectTypeOf({ name: 'v', validate: async () => 'bad' }).toMatchTypeOf<Validator>();
    expectTypeOf({ name: 'v', validate: () => 42 }).not.toMatchTypeOf<Validator>();
  });
});
