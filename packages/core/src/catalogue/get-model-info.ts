import { defaultCatalogue } from './default-catalogue.js';
import type { ModelCatalogue, ModelInfo } from './model-info.js';

/** Version suffixes that name a snapshot of a catalogued model (tried in this order). */
const snapshotSuffixes: readonly RegExp[] = [
  /-\d{4}-\d{2}-\d{2}$/, // gpt-4o-2024-08-06
  /-\d{8}$/, // claude-sonnet-4-5-20250929
  /-\d{4}$/, // gpt-4-0613, kimi-k2-instruct-0905
  /-\d{3}$/, // gemini-2.0-flash-001
  /-latest$/, // claude-3-5-haiku-latest given for a base id
];

function lookup(catalogue: ModelCatalogue, id: string): ModelInfo | undefined {
  return Object.hasOwn(catalogue, id) ? catalogue[id] : undefined;
}

/** The ids tried for `modelId`, most specific first. */
function* candidateIds(modelId: string): Generator<string> {
  let base = modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId; // Gemini resource names
  yield base;
  const colon = base.indexOf(':'); // Ollama tags: qwen2.5:7b
  if (colon > 0) {
    base = base.slice(0, colon);
    yield base;
  }
  yield `${base}-latest`;
  yield `${base}-0`;
  for (const suffix of snapshotSuffixes) {
    if (!suffix.test(base)) continue;
    const stripped = base.replace(suffix, '');
    yield stripped;
    yield `${stripped}-latest`;
    yield `${stripped}-0`;
  }
}

/**
 * Looks a model up: by exact id first, then as a dated or versioned snapshot of a catalogued
 * model (`gpt-4o-2024-08-06` → `gpt-4o`, `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`,
 * `gemini-2.0-flash-001` → `gemini-2.0-flash`, `qwen2.5:7b` → `qwen2.5`). Undefined when unknown.
 */
export function getModelInfo(
  modelId: string,
  catalogue: ModelCatalogue = defaultCatalogue,
): ModelInfo | undefined {
  if (typeof modelId !== 'string' || modelId === '') return undefined;
  const exact = lookup(catalogue, modelId);
  if (exact) return exact;
  for (const id of candidateIds(modelId)) {
    const info = lookup(catalogue, id);
    if (info) return info;
  }
  return undefined;
}
