#!/usr/bin/env node
// Release check, run in CI (.ci/run): copies the workspace's manifests and pending changesets to a
// scratch folder, runs `changeset version` there (never on the real tree) and fails when any
// package would get a major bump or reach 1.0.0, or when a released package's CHANGELOG.md would
// not be written. Prints the plan: `name old → new (CHANGELOG.md: N lines)`.
//
//   node tools/scripts/check-changesets.mjs [--root <dir>]
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './lib/packages.mjs';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Every workspace package.json folder (relative), from `git ls-files` so untracked junk is left out. */
function workspaceDirs(root) {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split('\n')
    .filter((f) => /^(packages|tools|apps)\/[^/]+\/package\.json$/.test(f))
    .map((f) => dirname(f));
}

/**
 * Runs `changeset version` on a scratch copy of `root` and returns the plan and the problems.
 * @param {string} root
 */
export function checkChangesets(root = repoRoot) {
  const scratch = mkdtempSync(join(tmpdir(), 'modelmux-changesets-'));
  try {
    cpSync(join(root, 'package.json'), join(scratch, 'package.json'));
    cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
    const dirs = workspaceDirs(root);
    for (const dir of dirs) {
      mkdirSync(join(scratch, dir), { recursive: true });
      for (const file of ['package.json', 'CHANGELOG.md'])
        if (existsSync(join(root, dir, file)))
          cpSync(join(root, dir, file), join(scratch, dir, file));
    }
    // The changelog generator (@changesets/cli/changelog) is resolved from the scratch folder.
    symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    const before = new Map(dirs.map((d) => [d, readJson(join(root, d, 'package.json'))]));
    try {
      execFileSync(
        process.execPath,
        [join(repoRoot, 'node_modules/@changesets/cli/bin.js'), 'version'],
        {
          cwd: scratch,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, CI: 'true' },
        },
      );
    } catch (error) {
      return {
        plan: [],
        problems: [`changeset version failed: ${String(error.stderr ?? error.message).trim()}`],
      };
    }
    const plan = [];
    const problems = [];
    for (const dir of dirs) {
      const old = before.get(dir);
      const now = readJson(join(scratch, dir, 'package.json'));
      if (old.version === now.version) continue;
      const [oldMajor] = old.version.split('.').map(Number);
      const [newMajor] = now.version.split('.').map(Number);
      const changelog = join(scratch, dir, 'CHANGELOG.md');
      const lines = existsSync(changelog) ? readFileSync(changelog, 'utf8').split('\n').length : 0;
      const heading =
        existsSync(changelog) && readFileSync(changelog, 'utf8').includes(`## ${now.version}`);
      plan.push({
        dir,
        name: now.name,
        from: old.version,
        to: now.version,
        private: !!now.private,
        changelogLines: lines,
      });
      if (newMajor > oldMajor || newMajor >= 1)
        problems.push(
          `${now.name}: ${old.version} → ${now.version} is a major bump — a 0.x package bumps minor for breaking changes. ` +
            `Check its changesets and its peer ranges on workspace packages (they must keep the next 0.x minor in range)`,
        );
      if (!now.private && !heading)
        problems.push(`${now.name}: CHANGELOG.md would not get a "## ${now.version}" section`);
    }
    return { plan, problems };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? process.argv[at + 1] : repoRoot;
  const { plan, problems } = checkChangesets(root);
  for (const p of plan)
    console.log(
      `  ${p.name} ${p.from} → ${p.to}${p.private ? ' (private)' : ''}  CHANGELOG.md: ${p.changelogLines} lines`,
    );
  if (problems.length) {
    console.error(`check-changesets: ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(
    `check-changesets: ${plan.length} package(s) would be released, none major, none ≥ 1.0.0`,
  );
}
