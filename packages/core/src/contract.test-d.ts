import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  type RoutingStrategyName,
  estimateCost,
  parseConfig,
  predictCost,
  registerProvider,
  type AssistantMessage,
  type ChatRequest,
  type ChatResult,
  type CostLimit,
  type CostPrediction,
  type EmbedRequest,
  type EmbedResult,
  type FinishEvent,
  type HealthCheckResult,
  type Message,
  type ModelInfo,
  type ModelInfoSchema,
  type MultiLLMConfig,
  type MultiLLMConfigInput,
  type MultiLLMConfigSchema,
  type Provider,
  type ProviderSettings,
  type StreamEvent,
  type TextDeltaEvent,
  type ToolCallDeltaEvent,
  type ToolCallEvent,
  type ToolMessage,
} from './index.js';

describe('StreamEvent', () => {
  test('narrows on type', () => {
    const handle = (event: StreamEvent) => {
      if (event.type === 'text-delta') expectTypeOf(event).toEqualTypeOf<TextDeltaEvent>();
      else if (event.type === 'tool-call-delta')
        expectTypeOf(event).toEqualTypeOf<ToolCallDeltaEvent>();
      else if (event.type === 'tool-call') expectTypeOf(event).toEqualTypeOf<ToolCallEvent>();
      else expectTypeOf(event).toEqualTypeOf<FinishEvent>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<StreamEvent>();
  });

  test('carries only its own fields', () => {
    // @ts-expect-error a text delta has no tool call
    const bad: TextDeltaEvent = { type: 'text-delta', text: 'a', toolCall: {} };
    expectTypeOf(bad).toEqualTypeOf<TextDeltaEvent>();
    expectTypeOf<FinishEvent['costUsd']>().toEqualTypeOf<number | undefined>();
  });
});

describe('messages and requests', () => {
  test('messages narrow on role', () => {
    const handle = (message: Message) => {
      if (message.role === 'assistant') expectTypeOf(message).toEqualTypeOf<AssistantMessage>();
      if (message.role === 'tool') expectTypeOf(message).toEqualTypeOf<ToolMessage>();
    };
    expectTypeOf(handle).toBeFunction();
    expectTypeOf<Message['role']>().toEqualTypeOf<'system' | 'user' | 'assistant' | 'tool'>();
  });

  test('a request needs messages; the rest is optional', () => {
    expectTypeOf<{ messages: Message[] }>().toExtend<ChatRequest>();
    // @ts-expect-error messages are required
    const bad: ChatRequest = { model: 'gpt-4o' };
    expectTypeOf(bad).toEqualTypeOf<ChatRequest>();
  });

  test('ChatResult.costUsd is number | undefined, never just number', () => {
    expectTypeOf<ChatResult['costUsd']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ChatResult<{ a: number }>['object']>().toEqualTypeOf<{ a: number } | undefined>();
    expectTypeOf<EmbedResult['costUsd']>().toEqualTypeOf<number | undefined>();
  });
});

describe('Provider', () => {
  test('has the v1 shape', () => {
    expectTypeOf<Provider['specificationVersion']>().toEqualTypeOf<'v1'>();
    expectTypeOf<Provider['name']>().toEqualTypeOf<string>();
    expectTypeOf<Provider['isAvailable']>().returns.toEqualTypeOf<boolean>();
    expectTypeOf<Provider['stream']>().returns.toEqualTypeOf<AsyncIterable<StreamEvent>>();
    expectTypeOf<Provider['embed']>().toEqualTypeOf<
      ((request: EmbedRequest) => Promise<EmbedResult>) | undefined
    >();
    expectTypeOf<NonNullable<Provider['healthCheck']>>().returns.toEqualTypeOf<
      Promise<HealthCheckResult>
    >();
  });

  test('generate keeps the structured output type', () => {
    const call = (provider: Provider) => provider.generate<{ city: string }>({ messages: [] });
    expectTypeOf(call).returns.toEqualTypeOf<Promise<ChatResult<{ city: string }>>>();
  });

  test('an adapter factory with its own settings can be registered', () => {
    interface AcmeSettings extends ProviderSettings {
      organization?: string;
    }
    const factory = (settings: AcmeSettings & { name: string }): Provider =>
      ({ name: settings.name }) as Provider;
    expectTypeOf(registerProvider<AcmeSettings>).toBeCallableWith('acme', factory);
  });
});

describe('config types are inferred from the schema', () => {
  test('output type', () => {
    expectTypeOf<MultiLLMConfig>().toEqualTypeOf<z.output<typeof MultiLLMConfigSchema>>();
    expectTypeOf<MultiLLMConfig['routingStrategy']>().toEqualTypeOf<RoutingStrategyName>();
    expectTypeOf<MultiLLMConfig['enableFallback']>().toEqualTypeOf<boolean>();
    expectTypeOf<MultiLLMConfig['fallbackProviders']>().toEqualTypeOf<string[]>();
    expectTypeOf<MultiLLMConfig['providers'][string]['type']>().toEqualTypeOf<string>();
    expectTypeOf<MultiLLMConfig['providers'][string]['enabled']>().toEqualTypeOf<boolean>();
    expectTypeOf<MultiLLMConfig['dailyCostLimit']>().toEqualTypeOf<CostLimit | undefined>();
    expectTypeOf(parseConfig).returns.toEqualTypeOf<MultiLLMConfig>();
  });

  test('input type accepts the short forms', () => {
    expectTypeOf<MultiLLMConfigInput>().toEqualTypeOf<z.input<typeof MultiLLMConfigSchema>>();
    expectTypeOf<{
      providers: { openai: { apiKey: string } };
      dailyCostLimit: number;
    }>().toExtend<MultiLLMConfigInput>();
    expectTypeOf<{ routingStrategy: 'fastest' }>().not.toExtend<MultiLLMConfigInput>();
  });

  test('the catalogue schema produces ModelInfo', () => {
    expectTypeOf<z.output<typeof ModelInfoSchema>>().toExtend<ModelInfo>();
  });
});

describe('cost', () => {
  test('returns undefined for unknown models, in the type too', () => {
    expectTypeOf(estimateCost).returns.toEqualTypeOf<number | undefined>();
    expectTypeOf(predictCost).returns.toEqualTypeOf<CostPrediction | undefined>();
  });
});
