// Bundled with esbuild (platform node, ESM) and run from the bundle: a routed request to the
// OpenAI fake (adapters are loaded by name at run time, so @modelmux/openai stays in node_modules),
// and the install hint for an adapter that is not installed.
import { AdapterNotInstalledError, ProviderFactory } from 'modelmux';

const baseURL = JSON.parse(process.env.FAKE_BASE_URLS ?? '{}');
const factory = new ProviderFactory({
  routingStrategy: 'cost',
  providers: { openai: { apiKey: 'sk-consumer-openai-0123456789', baseURL: baseURL.openai } },
});
const result = await factory.getProvider().invoke('What is RAG?');
await factory.close();

// Anthropic's adapter is not installed here: asking for it must say what to install.
const missing = new ProviderFactory({
  primaryProvider: 'anthropic',
  enableFallback: false,
  providers: { anthropic: { apiKey: 'sk-ant-consumer-0123456789' } },
});
const error = await missing
  .getProvider()
  .invoke('Hi')
  .then(
    () => undefined,
    (e) => e,
  );
await missing.close();
console.log(
  JSON.stringify({
    provider: result.provider,
    text: result.text,
    missingAdapter: {
      isInstance: AdapterNotInstalledError.isInstance(error),
      message: String(error?.message),
    },
  }),
);
