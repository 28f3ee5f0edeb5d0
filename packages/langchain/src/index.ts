// @modelmux/langchain: modelmux as a LangChain.js chat model and embeddings.
export { ChatModelmux, type ChatModelmuxFields } from './chat-modelmux.js';
export { type ChatModelmuxCallOptions, type ModelmuxHints } from './call-options.js';
export { ModelmuxEmbeddings, type ModelmuxEmbeddingsFields } from './modelmux-embeddings.js';
export {
  modelmuxMetadataOf,
  type ModelmuxMetadata,
  type ModelmuxAttempt,
} from './modelmux-metadata.js';
export { resolveModelId, type ModelTarget } from './model-target.js';
