// The publishable packages of the workspace: every packages/* whose package.json is not private.
// One list for the package checks, the changesets check and the consumer matrix (tools/consumer),
// so a new package (packages/ai-sdk, packages/gateway, …) is covered without editing any of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above tools/scripts/lib). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The repository every package.json points at (repository, homepage, bugs, README links). */
export const githubRepo = 'https://github.com/modelmux/modelmux';

/** The one Node range of the root and every package (undici 7 needs 20.18.1). */
export const nodeEngine = '>=20.18.1';

/**
 * The range a package peers a workspace sibling with while we are on 0.x. With changesets'
 * `onlyUpdatePeerDependentsWhenOutOfRange` (.changeset/config.json), a sibling's next 0.x minor
 * stays in range, so the dependent bumps minor with it instead of going to 1.0.0.
 */
export const workspacePeerRange = '>=0.1.0 <1.0.0';

/** Test runners no production package may depend on or peer (only @modelmux/testing, optionally). */
export const testRunners = ['vitest', 'jest', '@jest/globals', 'mocha', '@vitest/runner'];

/**
 * @param {string} [root]
 * @returns {{ name: string, dir: string, rel: string, json: Record<string, any> }[]}
 *   sorted by directory name
 */
export function publishablePackages(root = repoRoot) {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: json.name, dir, rel: `packages/${d.name}`, json };
    })
    .filter((p) => p.json.private !== true)
    .sort((a, b) => a.rel.localeCompare(b.rel));
}

/**
 * Packages in dependency order (each after the workspace packages it depends on), for building
 * and packing.
 * @param {ReturnType<typeof publishablePackages>} packages
 */
export function inDependencyOrder(packages) {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const done = new Set();
  const order = [];
  const visit = (p, path = []) => {
    if (done.has(p.name)) return;
    if (path.includes(p.name))
      throw new Error(`dependency cycle: ${[...path, p.name].join(' → ')}`);
    const deps = { ...p.json.dependencies, ...p.json.peerDependencies };
    for (const name of Object.keys(deps))
      if (byName.has(name)) visit(byName.get(name), [...path, p.name]);
    done.add(p.name);
    order.push(p);
  };
  packages.forEach((p) => visit(p));
  return order;
}
