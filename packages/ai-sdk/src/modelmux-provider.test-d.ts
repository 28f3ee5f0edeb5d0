import type { EmbeddingModelV3, LanguageModelV3, ProviderV3 } from '@ai-sdk/provider';
import type { embedMany, generateText } from 'ai';
import type { ProviderFactory } from 'modelmux';
import { expectTypeOf, test } from 'vitest';
import { createModelmux } from './index.js';

test('the provider and its models are the AI SDK specification v3 types', () => {
  const modelmux = createModelmux({} as ProviderFactory);
  expectTypeOf(modelmux).toExtend<ProviderV3>();
  expectTypeOf(modelmux('auto')).toExtend<LanguageModelV3>();
  expectTypeOf(modelmux.embedding('auto')).toExtend<EmbeddingModelV3>();
  expectTypeOf(modelmux('auto')).toExtend<Parameters<typeof generateText>[0]['model']>();
  expectTypeOf(modelmux.embedding('auto')).toExtend<Parameters<typeof embedMany>[0]['model']>();
});
