// modelmux as a Vercel AI SDK provider (specification v3): routing, fallback, breakers, budgets,
// cache and metrics under generateText, streamText, generateObject, tool loops and embedMany.
export {
  createModelmux,
  type ModelmuxProvider,
  type ModelmuxFactory,
} from './modelmux-provider.js';
export { ModelmuxLanguageModel } from './modelmux-language-model.js';
export { ModelmuxEmbeddingModel } from './modelmux-embedding-model.js';
export { type ModelmuxCallOptions } from './modelmux-call-options.js';
