// The consumer projects: each is a fresh folder with only the tarballs it needs (and their
// third-party dependencies from the registry), set up the way a user would, then run.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages, repoRoot } from '../../scripts/lib/packages.mjs';
import { closure } from './workspace.mjs';
import { run, runOk, tail } from './run.mjs';

const templates = join(dirname(fileURLToPath(import.meta.url)), '..', 'projects');
const rootJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** Registry versions the matrix installs: the workspace's own, so a bump is tested here too. */
const versions = {
  vitest4: rootJson.devDependencies.vitest,
  vitest3: '^3.2.0',
  typescript: rootJson.devDependencies.typescript,
  typesNode: rootJson.devDependencies['@types/node'],
  esbuild: '^0.28.2',
};

/**
 * esbuild's ESM output cannot `require()` Node built-ins from the CommonJS dependencies it
 * inlines (opossum, pino: "Dynamic require of "events" is not supported"); the usual banner gives
 * the bundle a `require`. The README documents it for users.
 */
export const requireBanner =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

const last = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
const vendors = ['openai', 'anthropic', 'google', 'groq'];

/** Runs vitest in `dir` and checks its JSON report: every test passed, at least `min`. */
async function vitestRun(dir, env, min) {
  const r = await run('npx', ['vitest', 'run', '--reporter=json', '--outputFile=report.json'], {
    cwd: dir,
    env,
  });
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  } catch {
    return { ok: false, detail: tail(r.stdout + r.stderr) };
  }
  const failures = report.testResults
    .flatMap((file) => [
      ...(file.status === 'failed' && file.message ? [`${file.name}: ${file.message}`] : []),
      ...file.assertionResults
        .filter((a) => a.status === 'failed')
        .map((a) => `${a.fullName}: ${a.failureMessages.join(' ').slice(0, 600)}`),
    ])
    .join('\n');
  const ok = r.code === 0 && report.numFailedTests === 0 && report.numPassedTests >= min;
  const counts = `${report.numPassedTests} tests passed, ${report.numFailedTests} failed`;
  return { ok, detail: ok ? counts : `${counts}\n${failures || tail(r.stderr)}` };
}

/**
 * @typedef {{ ok: boolean, detail: string }} Outcome
 * @typedef {{ name: string, template: string, wanted: () => string[], registry: string[],
 *   checks: { name: string, run: (dir: string, ctx: { env: NodeJS.ProcessEnv, fake: any }) => Promise<Outcome> }[] }} Project
 */

/** @type {Project[]} */
export const projects = [
  {
    name: 'esm',
    template: 'esm',
    // Every published package installs together (their peers resolve without --legacy-peer-deps).
    wanted: () => publishablePackages().map((p) => p.name),
    registry: [],
    checks: [
      {
        name: 'node ESM: routed request over the 4 fakes, then a cache hit',
        async run(dir, { env, fake }) {
          const r = await run(process.execPath, ['example.mjs'], { cwd: dir, env });
          if (r.code !== 0) return { ok: false, detail: tail(r.stderr + r.stdout) };
          const out = last(r.stdout);
          const ok =
            vendors.includes(out.provider) &&
            out.text.length > 0 &&
            out.cached === true &&
            vendors.every((v) => out.providers.includes(v)) &&
            fake.count(out.provider) >= 1;
          return {
            ok,
            detail: `${out.node}: answered by ${out.provider}, cached repeat ${out.cached}`,
          };
        },
      },
    ],
  },
  ...[
    ['vitest4', versions.vitest4],
    ['vitest3', versions.vitest3],
  ].map(([name, range]) => ({
    name,
    template: 'vitest',
    wanted: () =>
      closure([
        'modelmux',
        '@modelmux/openai',
        '@modelmux/anthropic',
        '@modelmux/budgets',
        '@modelmux/testing',
      ]),
    registry: [`vitest@${range}`],
    checks: [
      {
        name: `${name}: import from 'modelmux' in a test, fallback to anthropic, Store suite`,
        run: (dir, { env }) => vitestRun(dir, env, 10),
      },
    ],
  })),
  {
    name: 'typescript',
    template: 'typescript',
    wanted: () => closure(['modelmux', '@modelmux/openai', '@modelmux/core', '@modelmux/testing']),
    registry: [`typescript@${versions.typescript}`, `@types/node@${versions.typesNode}`],
    checks: ['node16', 'nodenext', 'bundler'].map((resolution) => ({
      name: `TypeScript moduleResolution ${resolution}, skipLibCheck false`,
      async run(dir, { env }) {
        const r = await run('npx', ['tsc', '-p', `tsconfig.${resolution}.json`], { cwd: dir, env });
        return { ok: r.code === 0, detail: r.code === 0 ? 'no errors' : tail(r.stdout + r.stderr) };
      },
    })),
  },
  {
    name: 'esbuild',
    template: 'esbuild',
    wanted: () => closure(['modelmux', '@modelmux/openai']),
    registry: [`esbuild@${versions.esbuild}`],
    checks: [
      {
        name: 'esbuild bundle (platform node, ESM): routed request, missing-adapter hint',
        async run(dir, { env, fake }) {
          const before = fake.count('openai');
          const bundle = await run(
            'npx',
            [
              'esbuild',
              'example.mjs',
              '--bundle',
              '--platform=node',
              '--format=esm',
              '--outfile=dist/app.mjs',
              '--log-level=warning',
              `--banner:js=${requireBanner}`,
            ],
            { cwd: dir, env },
          );
          if (bundle.code !== 0) return { ok: false, detail: tail(bundle.stderr) };
          const r = await run(process.execPath, ['dist/app.mjs'], { cwd: dir, env });
          if (r.code !== 0) return { ok: false, detail: tail(r.stderr + r.stdout) };
          const out = last(r.stdout);
          const hint = out.missingAdapter?.message.includes('npm install @modelmux/anthropic');
          const ok =
            out.provider === 'openai' &&
            out.text.length > 0 &&
            fake.count('openai') > before &&
            out.missingAdapter?.isInstance === true &&
            hint;
          return {
            ok,
            detail: ok
              ? `bundled, answered by ${out.provider}; missing anthropic: AdapterNotInstalledError with the npm install hint`
              : JSON.stringify(out),
          };
        },
      },
    ],
  },
];

/**
 * Makes the project's folder under `work` and installs its tarballs and registry packages.
 * @param {Project} project
 * @param {Map<string, string>} tarballs
 */
export async function install(project, tarballs, work) {
  const dir = join(work, project.name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(templates, project.template), dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${project.name}`, private: true, type: 'module' }, null, 2),
  );
  const files = project.wanted().map((name) => {
    const file = tarballs.get(name);
    if (!file) throw new Error(`no tarball for ${name}`);
    return file;
  });
  const result = await runOk(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...files,
      ...project.registry,
    ],
    { cwd: dir },
  );
  return { dir, ms: result.ms, packages: project.wanted() };
}
