import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { formatPath, toConfigIssues } from '../config/config-issues.js';
import type { ModelCapabilities, ModelCatalogue, ModelInfo } from './model-info.js';
import {
  ModelCapabilitiesSchema,
  ModelInfoOverrideSchema,
  ModelInfoSchema,
} from './model-info-schema.js';

/** A change to one catalogue entry: any fields, capabilities flag by flag. */
export type ModelInfoOverride = Partial<Omit<ModelInfo, 'capabilities'>> & {
  capabilities?: Partial<ModelCapabilities>;
};

/** Overrides by model id: partial for ids in the base catalogue, complete for new ones. */
export type CatalogueOverrides = Readonly<Record<string, ModelInfoOverride>>;

const modelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;
const modelKeys = Object.keys(ModelInfoSchema.shape);
const capabilityKeys = Object.keys(ModelCapabilitiesSchema.shape);

/**
 * Checks overrides against `base` and builds the merged entries. Paths start at `prefix`
 * (`catalogue.gpt-4o.inputPerMTok`). Used by `mergeCatalogue` and by the config checks.
 */
export function mergeCatalogueEntries(
  base: ModelCatalogue,
  overrides: unknown,
  prefix: readonly PropertyKey[] = ['catalogue'],
): { issues: ConfigIssue[]; entries: Record<string, ModelInfo> } {
  const issues: ConfigIssue[] = [];
  const entries: Record<string, ModelInfo> = {};
  if (overrides === undefined || overrides === null) return { issues, entries };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    issues.push({
      path: formatPath(prefix),
      message: 'expected an object of model id → fields, e.g. { "gpt-4o": { inputPerMTok: 2 } }',
    });
    return { issues, entries };
  }
  const knownKeys = (path: readonly PropertyKey[]) =>
    path.length === prefix.length + 1
      ? modelKeys
      : path.length === prefix.length + 2
        ? capabilityKeys
        : undefined;
  for (const [id, override] of Object.entries(overrides)) {
    const path = [...prefix, id];
    if (!modelIdPattern.test(id)) {
      issues.push({
        path: formatPath(path),
        message: 'invalid model id: use the id the vendor API takes (letters, digits, . _ : / @ -)',
      });
      continue;
    }
    const partial = ModelInfoOverrideSchema.safeParse(override, { reportInput: true });
    if (!partial.success) {
      issues.push(...toConfigIssues(partial.error.issues, { prefix: path, knownKeys }));
      continue;
    }
    const change = partial.data;
    if (change.id !== undefined && change.id !== id) {
      issues.push({
        path: formatPath([...path, 'id']),
        message: `must equal its key "${id}" (or be left out)`,
      });
      continue;
    }
    const existing = Object.hasOwn(base, id) ? base[id] : undefined;
    const candidate = existing
      ? {
          ...existing,
          ...change,
          id,
          capabilities: { ...existing.capabilities, ...change.capabilities },
        }
      : { ...change, id };
    const full = ModelInfoSchema.safeParse(candidate, { reportInput: true });
    if (!full.success) {
      // Missing fields of a new model are listed once; other problems each at their path.
      const missing = full.error.issues.filter(
        (i) => i.code === 'invalid_type' && i.input === undefined && i.path.length === 1,
      );
      if (missing.length > 0) {
        issues.push({
          path: formatPath(path),
          message: `"${id}" is not in the base catalogue, so it needs a complete entry; missing: ${missing.map((i) => String(i.path[0])).join(', ')}`,
        });
      }
      issues.push(
        ...toConfigIssues(
          full.error.issues.filter((i) => !missing.includes(i)),
          { prefix: path, knownKeys },
        ),
      );
      continue;
    }
    entries[id] = Object.freeze({
      ...full.data,
      capabilities: Object.freeze({ ...full.data.capabilities }),
    });
  }
  return { issues, entries };
}

/**
 * Returns a new catalogue: `base` with `overrides` applied. An override of an existing id may be
 * partial (`{ 'gpt-4o': { inputPerMTok: 2 } }`); a new id needs a complete entry. Throws a
 * `ConfigError` naming each invalid path (`catalogue.gpt-4o.inputPerMTok`).
 */
export function mergeCatalogue(
  base: ModelCatalogue,
  overrides: CatalogueOverrides | undefined,
): ModelCatalogue {
  const { issues, entries } = mergeCatalogueEntries(base, overrides);
  if (issues.length > 0) throw new ConfigError({ issues });
  return Object.freeze({ ...base, ...entries });
}
