// Plain Node ESM, every published package installed from its tarball: a routed request over the
// four vendors' fakes (cheapest first), the same question again from the cache, and the fake's
// own count of what reached the wire printed for the runner to check.
import { ProviderFactory } from 'modelmux';

const baseURL = JSON.parse(process.env.FAKE_BASE_URLS ?? '{}');
const key = (vendor) => `sk-consumer-${vendor}-0123456789`;
const factory = new ProviderFactory({
  routingStrategy: 'cost',
  providers: Object.fromEntries(
    ['openai', 'anthropic', 'google', 'groq'].map((v) => [
      v,
      { apiKey: key(v), baseURL: baseURL[v] },
    ]),
  ),
  cache: true,
});
const llm = factory.getProvider();
const first = await llm.invoke('What is RAG?');
const again = await llm.invoke('What is RAG?');
const status = factory.getProviderStatus();
await factory.close();
console.log(
  JSON.stringify({
    node: process.version,
    provider: first.provider,
    text: first.text,
    cached: again.cached,
    providers: Object.keys(status.providers).sort(),
  }),
);
