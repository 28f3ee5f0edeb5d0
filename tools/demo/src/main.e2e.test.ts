// `npm run demo` as a user runs it (tsx with the @modelmux/source condition): the flags only.
// The tour itself is tested in-process by tour.test.ts.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@modelmux/app-rag';
import { expect, test } from 'vitest';

const run = promisify(execFile);

const demo = (args: string[]) =>
  run(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--conditions=@modelmux/source', 'tools/demo/src/main.ts', ...args],
    {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      timeout: 90_000,
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

test('--help prints the usage and runs nothing; an unknown flag is an error', async () => {
  const [help, unknown] = await Promise.all([demo(['--help']), demo(['--ofline'])]);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: npm run demo -- \[options\]/);
  expect(help.stdout).toContain('--offline');
  expect(help.stdout).not.toContain('offline: fake providers');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("error: unknown option '--ofline'");
  expect(unknown.stdout).toBe('');
}, 180_000);
