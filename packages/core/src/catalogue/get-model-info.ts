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

/**
 * The base model of a fine-tune id, or the id itself: OpenAI and Mistral name fine-tunes
 * `ft:<base>:<org>:<suffix>:<id>` (`ft:gpt-4o-mini-2024-07-18:acme::abc123`), OpenAI's legacy
 * ones `<base>:ft-<org>-<date>` (cut at the colon below, like an Ollama tag).
 */
export function fineTuneBase(modelId: string): string {
  if (!modelId.startsWith('ft:')) return modelId;
  const base = modelId.slice(3).split(':')[0];
  return base ? base : modelId;
}

/** The ids tried for `modelId`, most specific first. */
function* candidateIds(modelId: string): Generator<string> {
  let base = fineTuneBase(modelId);
  if (base.startsWith('models/')) base = base.slice('models/'.length); // Gemini resource names
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
 * `gemini-2.0-flash-001` → `gemini-2.0-flash`, `qwen2.5:7b` → `qwen2.5`), and a fine-tune as its
 * base model (`ft:gpt-4o-mini-2024-07-18:acme::abc123` → `gpt-4o-mini`). Undefined when unknown.
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
