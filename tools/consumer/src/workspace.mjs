// Build and pack every publishable package (packages/* that is not private) of the workspace.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inDependencyOrder, publishablePackages, repoRoot } from '../../scripts/lib/packages.mjs';
import { pool, runOk } from './run.mjs';

/** Builds the publishable packages with Nx (cached unless `fresh`). */
export async function build({ fresh = false } = {}) {
  const names = publishablePackages().map((p) => p.name);
  const args = ['nx', 'run-many', '-t', 'build', '-p', ...names, '--outputStyle=static'];
  if (fresh) args.push('--skip-nx-cache');
  return runOk('npx', args, {
    cwd: repoRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
}

/**
 * `npm pack` of every publishable package into `dir`.
 * @returns {Promise<Map<string, string>>} package name → tarball path
 */
export async function packAll(dir) {
  mkdirSync(dir, { recursive: true });
  const packages = inDependencyOrder(publishablePackages());
  await pool(
    packages.map(
      (p) => () => runOk('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: p.dir }),
    ),
    2,
  );
  const files = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  const tarballs = new Map();
  for (const p of packages) {
    const file = `${p.name.replace(/^@/, '').replace('/', '-')}-${p.json.version}.tgz`;
    if (!files.includes(file))
      throw new Error(`npm pack of ${p.name} did not write ${file} in ${dir}`);
    tarballs.set(p.name, join(dir, file));
  }
  return tarballs;
}

/**
 * The workspace packages `wanted` need, transitively (dependencies and required peers), so a
 * project installs only those tarballs; third-party dependencies come from the registry.
 * @param {string[]} wanted
 */
export function closure(wanted) {
  const byName = new Map(publishablePackages().map((p) => [p.name, p.json]));
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    const json = byName.get(name);
    const peers = Object.keys(json.peerDependencies ?? {}).filter(
      (n) => json.peerDependenciesMeta?.[n]?.optional !== true,
    );
    for (const dep of [...Object.keys(json.dependencies ?? {}), ...peers]) visit(dep);
  };
  wanted.forEach(visit);
  return [...seen].sort();
}
