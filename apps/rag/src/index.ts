// @modelmux/app-rag: retrieval-augmented answers over the project's docs, every model call
// routed by modelmux — offline on the fake providers by default, real with keys.
export {
  createAppFactory,
  hasProviderEnv,
  fakeProviderNames,
  type AppFactory,
  type AppFactoryOptions,
  type AppConfig,
} from './app-factory.js';
export { loadProjectDocs, repoRoot, type CorpusDocument } from './corpus.js';
export { chunkDocument, chunkCorpus, type Chunk, type ChunkOptions } from './chunk.js';
export { CorpusIndex, searchableText, type SearchHit, type RetrievalMode } from './search-index.js';
export { citationsFor, type Citation } from './citations.js';
export { buildPrompt, sourceLabel } from './prompt.js';
export {
  createRagApp,
  type RagApp,
  type RagAppOptions,
  type RagAnswer,
  type IngestReport,
  type IngestProgress,
} from './rag-app.js';
export { ingestProgressBar } from './progress-bar.js';
export { integerAtLeast, nonEmptyText, positiveInteger, runCli } from './cli-options.js';
