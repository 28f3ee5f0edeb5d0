// publint and @arethetypeswrong/cli (ESM-only profile) on every packed tarball.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { pool, run, tail } from './run.mjs';

const attwBin = join(
  dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')),
  'dist/index.js',
);

/** publint on one tarball: any warning or error is a problem; suggestions are printed only. */
export async function publintTarball(tarball) {
  const buffer = readFileSync(tarball);
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: arrayBuffer }, level: 'suggestion' });
  const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
  return { ok: !messages.some((m) => m.type !== 'suggestion'), lines };
}

/** attw on one tarball with the ESM-only profile (the packages ship no CommonJS). */
export async function attwTarball(tarball) {
  const result = await run(
    process.execPath,
    [attwBin, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'],
    {
      timeoutMs: 120_000,
    },
  );
  return {
    ok: result.code === 0,
    lines: result.code === 0 ? [] : [tail(result.stdout + result.stderr, 30)],
  };
}

/**
 * Both linters on every tarball.
 * @param {Map<string, string>} tarballs
 * @returns {Promise<{ name: string, check: string, ok: boolean, lines: string[] }[]>}
 */
export async function lintTarballs(tarballs) {
  const jobs = [...tarballs].flatMap(([name, tarball]) => [
    async () => ({ name, check: 'publint', ...(await publintTarball(tarball)) }),
    async () => ({ name, check: 'attw', ...(await attwTarball(tarball)) }),
  ]);
  const results = await pool(jobs, 2);
  for (const r of results)
    if (!r.ok)
      console.error(
        `✗ ${r.check} ${r.name} (${basename(tarballs.get(r.name))}):\n  ${r.lines.join('\n  ')}`,
      );
  return results;
}
