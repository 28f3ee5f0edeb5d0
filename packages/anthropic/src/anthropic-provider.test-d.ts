import type { Provider, ProviderFactory, ProviderSettings } from '@modelmux/core';
import { describe, expectTypeOf, it } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';
import type { AnthropicSettings } from './anthropic-settings.js';

describe('createAnthropic types', () => {
  it('returns a Provider and fits the registry as a factory', () => {
    expectTypeOf(createAnthropic).returns.toMatchTypeOf<Provider>();
    expectTypeOf(createAnthropic).toMatchTypeOf<ProviderFactory<AnthropicSettings>>();
    expectTypeOf<AnthropicSettings>().toMatchTypeOf<ProviderSettings>();
  });

  it('has no embed method (Anthropic offers no embeddings)', () => {
    expectTypeOf<ReturnType<typeof createAnthropic>>().not.toHaveProperty('embed');
  });
});
