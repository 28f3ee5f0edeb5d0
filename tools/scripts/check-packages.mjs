#!/usr/bin/env node
// Static checks of every publishable package (packages/* not private), run in CI (.ci/run) and by
// tools/consumer's tests. Each rule is one exported function returning a list of problems, so a
// test can run it against a broken copy and see it fail.
//
//   node tools/scripts/check-packages.mjs          # all rules; exit 1 and list problems if any
//   node tools/scripts/check-packages.mjs --fix   # first apply the mechanical fixes (a new package)
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  githubRepo,
  nodeEngine,
  publishablePackages,
  repoRoot,
  testRunners,
  workspacePeerRange,
} from './lib/packages.mjs';

const depFields = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundleDependencies',
];

/** Point 2: no production package declares a test runner; @modelmux/testing only as an optional peer. */
export function checkNoTestRunner(root = repoRoot) {
  const problems = [];
  for (const p of publishablePackages(root)) {
    for (const field of depFields) {
      for (const runner of testRunners) {
        if (!p.json[field] || !(runner in p.json[field])) continue;
        const optionalPeer =
          field === 'peerDependencies' && p.json.peerDependenciesMeta?.[runner]?.optional === true;
        if (p.name === '@modelmux/testing' && optionalPeer) continue;
        problems.push(
          `${p.rel}/package.json: ${field} declares the test runner "${runner}" — production users get ` +
            `ERESOLVE against their own ${runner}; move the code that needs it to @modelmux/testing (an optional peer there)`,
        );
      }
    }
  }
  return problems;
}

/** Point 4: LICENSE identical to the root one; repository, homepage, bugs; files ship it. */
export function checkMetadata(root = repoRoot) {
  const problems = [];
  const rootLicensePath = join(root, 'LICENSE');
  const license = existsSync(rootLicensePath) ? readFileSync(rootLicensePath, 'utf8') : undefined;
  if (!license) problems.push('LICENSE: missing at the repository root');
  for (const p of publishablePackages(root)) {
    const at = `${p.rel}/package.json`;
    const own = join(p.dir, 'LICENSE');
    if (!existsSync(own)) problems.push(`${p.rel}/LICENSE: missing (copy the root LICENSE)`);
    else if (license && readFileSync(own, 'utf8') !== license)
      problems.push(`${p.rel}/LICENSE: differs from the root LICENSE (copy it again)`);
    if (p.json.license !== 'MIT') problems.push(`${at}: license must be "MIT"`);
    const repo = p.json.repository;
    if (repo?.type !== 'git' || repo?.url !== `git+${githubRepo}.git` || repo?.directory !== p.rel)
      problems.push(
        `${at}: repository must be { "type": "git", "url": "git+${githubRepo}.git", "directory": "${p.rel}" }`,
      );
    const homepage = `${githubRepo}/tree/main/${p.rel}#readme`;
    if (p.json.homepage !== homepage) problems.push(`${at}: homepage must be "${homepage}"`);
    if (p.json.bugs?.url !== `${githubRepo}/issues`)
      problems.push(`${at}: bugs must be { "url": "${githubRepo}/issues" }`);
    for (const file of ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE'])
      if (!p.json.files?.includes(file)) problems.push(`${at}: "files" must list "${file}"`);
  }
  return problems;
}

/** Point 5: one Node range everywhere. */
export function checkEngines(root = repoRoot) {
  const problems = [];
  const rootJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (rootJson.engines?.node !== nodeEngine)
    problems.push(`package.json: engines.node must be "${nodeEngine}" (undici 7 needs it)`);
  for (const p of publishablePackages(root))
    if (p.json.engines?.node !== nodeEngine)
      problems.push(
        `${p.rel}/package.json: engines.node must be "${nodeEngine}" (undici 7 needs it)`,
      );
  return problems;
}

/** Point 3: a peer on a workspace sibling keeps its next 0.x minor in range (else changesets bumps major). */
export function checkWorkspacePeers(root = repoRoot) {
  const problems = [];
  const names = new Set(publishablePackages(root).map((p) => p.name));
  for (const p of publishablePackages(root))
    for (const [name, range] of Object.entries(p.json.peerDependencies ?? {}))
      if (names.has(name) && range !== workspacePeerRange)
        problems.push(
          `${p.rel}/package.json: peerDependencies "${name}": "${range}" — use "${workspacePeerRange}": a 0.x minor of ` +
            `${name} taken out of a peer range makes changesets release ${p.name} as 1.0.0`,
        );
  return problems;
}

/** Source maps must carry their sources: the tarballs do not ship src/. */
export function checkSourceMaps(root = repoRoot) {
  const problems = [];
  for (const p of publishablePackages(root)) {
    const path = join(p.dir, 'tsconfig.lib.json');
    const config = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    if (config.compilerOptions?.inlineSources !== true)
      problems.push(
        `${p.rel}/tsconfig.lib.json: set compilerOptions.inlineSources: true (maps point at src/, which is not shipped)`,
      );
  }
  return problems;
}

const relativeLink = /(\]\()(?!https?:|mailto:|#)([^)\s]+)(\))/g;

/** A relative README link resolved to its absolute GitHub address (a folder → tree, a file → blob). */
function absoluteLink(root, pkgRel, target) {
  const [path, hash = ''] = target.split('#');
  const rel = posix.normalize(posix.join(pkgRel, path));
  const kind = existsSync(join(root, rel)) && !/\.[a-z0-9]+$/i.test(rel) ? 'tree' : 'blob';
  return `${githubRepo}/${kind}/main/${rel}${hash ? `#${hash}` : ''}`;
}

/** README links must work on the registry's page: no relative links. */
export function checkReadmeLinks(root = repoRoot, { fix = false } = {}) {
  const problems = [];
  for (const p of publishablePackages(root)) {
    const path = join(p.dir, 'README.md');
    if (!existsSync(path)) {
      problems.push(`${p.rel}/README.md: missing`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const found = [...text.matchAll(relativeLink)].map((m) => m[2]);
    if (fix && found.length) {
      writeFileSync(
        path,
        text.replace(relativeLink, (_, a, t, b) => a + absoluteLink(root, p.rel, t) + b),
      );
      continue;
    }
    for (const link of found)
      problems.push(
        `${relative(root, path)}: relative link "${link}" breaks on the registry page; use ${absoluteLink(root, p.rel, link)}`,
      );
  }
  return problems;
}

/**
 * The mechanical fixes, for a new package: copies the root LICENSE, sets repository, homepage,
 * bugs, files, engines.node and inlineSources, and makes README links absolute. It never touches
 * dependencies or peers: those problems stay for a person to decide.
 */
export function fixPackages(root = repoRoot) {
  const rootJsonPath = join(root, 'package.json');
  const rootJson = JSON.parse(readFileSync(rootJsonPath, 'utf8'));
  rootJson.engines = { ...rootJson.engines, node: nodeEngine };
  writeFileSync(rootJsonPath, `${JSON.stringify(rootJson, null, 2)}\n`);
  for (const p of publishablePackages(root)) {
    if (existsSync(join(root, 'LICENSE')))
      copyFileSync(join(root, 'LICENSE'), join(p.dir, 'LICENSE'));
    const out = {};
    for (const [key, value] of Object.entries(p.json)) {
      if (['repository', 'homepage', 'bugs'].includes(key)) continue;
      out[key] = value;
      if (key === 'license') {
        out.repository = { type: 'git', url: `git+${githubRepo}.git`, directory: p.rel };
        out.homepage = `${githubRepo}/tree/main/${p.rel}#readme`;
        out.bugs = { url: `${githubRepo}/issues` };
      }
    }
    out.engines = { ...out.engines, node: nodeEngine };
    out.files = [
      ...new Set([...(out.files ?? []), 'dist', 'README.md', 'CHANGELOG.md', 'LICENSE']),
    ];
    writeFileSync(join(p.dir, 'package.json'), `${JSON.stringify(out, null, 2)}\n`);
    const tsconfig = join(p.dir, 'tsconfig.lib.json');
    if (existsSync(tsconfig)) {
      const config = JSON.parse(readFileSync(tsconfig, 'utf8'));
      config.compilerOptions = { ...config.compilerOptions, inlineSources: true };
      writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
    }
  }
  checkReadmeLinks(root, { fix: true });
}

export const rules = {
  checkNoTestRunner,
  checkMetadata,
  checkEngines,
  checkWorkspacePeers,
  checkSourceMaps,
  checkReadmeLinks,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--fix')) fixPackages(repoRoot);
  const problems = Object.values(rules).flatMap((rule) => rule(repoRoot));
  const count = publishablePackages().length;
  if (problems.length) {
    console.error(
      `check-packages: ${problems.length} problem(s) in ${count} publishable packages:`,
    );
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(
    `check-packages: ${count} publishable packages pass (no test runner, metadata, LICENSE, engines, workspace peers, source maps, README links)`,
  );
}
