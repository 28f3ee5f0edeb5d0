// Type-checked with skipLibCheck: false under node16, nodenext and bundler resolution: the
// published declarations (and those they import) must resolve and check in a user's project.
import { ProviderFactory, type FactoryConfigInput, type RoutedResult } from 'modelmux';
import { createOpenAI } from '@modelmux/openai';
import { ModelmuxError } from '@modelmux/core';
import { startFakeProviders } from '@modelmux/testing';
import { storeSuite, type StoreFactory } from '@modelmux/testing/store-suite';

const fake = await startFakeProviders();
const config: FactoryConfigInput = {
  routingStrategy: 'cost',
  providers: { openai: { apiKey: 'sk-consumer-openai-0123456789', baseURL: fake.baseURL.openai } },
};
const factory = new ProviderFactory(config);
const result: RoutedResult = await factory.getProvider().invoke('What is RAG?');
const direct = createOpenAI({
  apiKey: 'sk-consumer-openai-0123456789',
  baseURL: fake.baseURL.openai,
});
const provider: string = result.provider;
const unused: StoreFactory | typeof storeSuite | undefined = undefined;
console.log(provider, direct.name, ModelmuxError.isInstance(result), unused);
await factory.close();
await fake.close();
