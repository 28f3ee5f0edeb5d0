import type {
  EmbedRequest,
  EmbedResult,
  Provider,
  ProviderFactory,
  ProviderSettings,
} from '@modelmux/core';
import { describe, expectTypeOf, it } from 'vitest';
import { createGoogle } from './google-provider.js';
import type { GoogleSettings } from './google-settings.js';

describe('createGoogle types', () => {
  it('returns a Provider with embed and fits the registry as a factory', () => {
    expectTypeOf(createGoogle).returns.toMatchTypeOf<Provider>();
    expectTypeOf(createGoogle).toMatchTypeOf<ProviderFactory<GoogleSettings>>();
    expectTypeOf<GoogleSettings>().toMatchTypeOf<ProviderSettings>();
    expectTypeOf<ReturnType<typeof createGoogle>['embed']>().toEqualTypeOf<
      (request: EmbedRequest) => Promise<EmbedResult>
    >();
  });
});
