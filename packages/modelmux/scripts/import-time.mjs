// Import time of `modelmux` with the HTTP handler loaded lazily (as shipped: a dynamic import on
// the first request) against the same code with the handler imported eagerly. Both sides are
// bundled from source by esbuild (ESM, code splitting, npm dependencies external as installed),
// then imported in fresh Node processes, interleaved; medians of N runs.
//   node packages/modelmux/scripts/import-time.mjs [runs=20]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const runs = Number(process.argv[2] ?? 20);
const root = resolve(import.meta.dirname, '..');
// Inside the package, so the external npm dependencies resolve from the workspace's node_modules.
const dir = mkdtempSync(join(root, '.import-time-'));
const entries = {
  lazy: `export { ProviderFactory } from 'modelmux';`,
  eager: `export { ProviderFactory } from 'modelmux';\nexport { createOpenAIHandler } from '${root}/src/http/create-openai-handler.ts';`,
};
const loadedBytes = {};
/** Bytes of JS an import of the entry loads: its chunk and its static imports, not dynamic ones. */
function staticBytes(metafile, name) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => file.endsWith(`${name}/${name}.js`));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return [...seen].reduce((total, file) => total + (outputs[file]?.bytes ?? 0), 0);
}
try {
  for (const [name, source] of Object.entries(entries)) {
    writeFileSync(join(dir, `${name}-entry.ts`), source);
    await build({
      entryPoints: { [name]: join(dir, `${name}-entry.ts`) },
      outdir: join(dir, name),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      conditions: ['@modelmux/source'],
      packages: 'external',
      external: [],
      plugins: [
        {
          // Workspace packages are bundled from source; npm dependencies stay external.
          name: 'workspace-inline',
          setup(b) {
            b.onResolve({ filter: /^(modelmux|@modelmux\/)/ }, (args) => ({
              path: execFileSync(
                process.execPath,
                [
                  '--conditions=@modelmux/source',
                  '-p',
                  `require.resolve(${JSON.stringify(args.path)})`,
                ],
                { cwd: root, encoding: 'utf8' },
              ).trim(),
            }));
          },
        },
      ],
      nodePaths: [resolve(root, '../../node_modules')],
      logLevel: 'error',
      metafile: true,
    }).then((result) => (loadedBytes[name] = staticBytes(result.metafile, name)));
  }
  const time = (name) =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(join(dir, name, `${name}.js`))}); console.log(performance.now() - t);`,
        ],
        { cwd: root, encoding: 'utf8' },
      ),
    );
  const samples = { lazy: [], eager: [] };
  for (let i = 0; i < runs; i++)
    for (const name of i % 2 ? ['eager', 'lazy'] : ['lazy', 'eager'])
      samples[name].push(time(name));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lazy = median(samples.lazy);
  const eager = median(samples.eager);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `JS loaded by the import (workspace code bundled): lazy ${kb(loadedBytes.lazy)}, eager ${kb(loadedBytes.eager)} (${kb(loadedBytes.eager - loadedBytes.lazy)} more)`,
  );
  console.log(`import 'modelmux', median of ${runs} fresh processes:`);
  console.log(`  handler lazy (as shipped): ${lazy.toFixed(1)} ms`);
  console.log(
    `  handler eager:             ${eager.toFixed(1)} ms (difference ${(eager - lazy).toFixed(1)} ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
