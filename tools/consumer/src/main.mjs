#!/usr/bin/env node
// The consumer matrix (npm run consumer): builds and packs every publishable package, lints each
// tarball (publint, attw --profile esm-only), installs the tarballs into fresh projects and runs a
// routed request against the fakes in each. Exits 1 when anything fails.
//
//   node tools/consumer/src/main.mjs [--only esm,vitest3,…] [--skip-lint] [--no-build] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishablePackages } from '../../scripts/lib/packages.mjs';
import { lintTarballs } from './lint-tarballs.mjs';
import { install, projects } from './projects.mjs';
import { pool } from './run.mjs';
import { build, packAll } from './workspace.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const unknown = only?.filter((n) => !projects.some((p) => p.name === n)) ?? [];
if (unknown.length) {
  console.error(
    `--only: unknown project(s) ${unknown.join(', ')}; known: ${projects.map((p) => p.name).join(', ')}`,
  );
  process.exit(2);
}

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @type {{ check: string, ok: boolean, detail: string, ms?: number }[]} */
const rows = [];
const work = mkdtempSync(join(tmpdir(), 'modelmux-consumer-'));
let fake;
try {
  if (!flag('--no-build')) {
    const built = await build();
    console.log(`build: ${publishablePackages().length} packages in ${seconds(built.ms)}`);
  }
  const t0 = Date.now();
  const tarballs = await packAll(join(work, 'tarballs'));
  console.log(`pack: ${tarballs.size} tarballs in ${seconds(Date.now() - t0)}`);

  const chosen = projects.filter((p) => !only || only.includes(p.name));
  const installs = pool(
    chosen.map(
      (p) => () =>
        install(p, tarballs, work).then(
          (r) => ({ project: p, ...r }),
          (error) => ({ project: p, error }),
        ),
    ),
    2,
  );
  if (!flag('--skip-lint')) {
    const t1 = Date.now();
    const lints = await lintTarballs(tarballs);
    for (const check of ['publint', 'attw']) {
      const bad = lints.filter((l) => l.check === check && !l.ok);
      rows.push({
        check: `${check} on ${tarballs.size} tarballs`,
        ok: bad.length === 0,
        detail: bad.length ? `failed: ${bad.map((b) => b.name).join(', ')}` : 'clean',
      });
    }
    console.log(`lint: publint + attw in ${seconds(Date.now() - t1)}`);
  }

  const { startFakeProviders } = await import('@modelmux/testing');
  fake = await startFakeProviders();
  const env = { ...process.env, FAKE_BASE_URLS: JSON.stringify(fake.baseURL) };
  for (const installed of await installs) {
    const { project } = installed;
    if (installed.error) {
      rows.push({
        check: `${project.name}: npm install of the tarballs`,
        ok: false,
        detail: String(installed.error.message),
      });
      continue;
    }
    rows.push({
      check: `${project.name}: npm install (${installed.packages.length} tarballs)`,
      ok: true,
      detail: 'no ERESOLVE, no --legacy-peer-deps',
      ms: installed.ms,
    });
    for (const check of project.checks) {
      const t = Date.now();
      const outcome = await check
        .run(installed.dir, { env, fake })
        .catch((e) => ({ ok: false, detail: String(e?.stack ?? e) }));
      rows.push({ check: check.name, ...outcome, ms: Date.now() - t });
    }
  }
} catch (error) {
  rows.push({ check: 'matrix', ok: false, detail: String(error?.stack ?? error) });
} finally {
  await fake?.close();
  if (!flag('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

for (const row of rows)
  console.log(
    `${row.ok ? '✓' : '✗'} ${row.check}${row.ms ? ` (${seconds(row.ms)})` : ''} — ${row.ok ? row.detail : `\n    ${row.detail.split('\n').join('\n    ')}`}`,
  );
const failed = rows.filter((r) => !r.ok).length;
console.log(
  `consumer matrix: ${rows.length - failed}/${rows.length} passed on Node ${process.version} in ${seconds(Date.now() - started)}`,
);
console.log(
  JSON.stringify({
    node: process.version,
    passed: rows.length - failed,
    failed,
    rows: rows.map(({ check, ok }) => ({ check, ok })),
  }),
);
process.exit(failed ? 1 : 0);
