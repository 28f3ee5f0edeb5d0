// The CLI as a user runs it (tsx with the @modelmux/source condition), with no API key: the fakes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { repoRoot } from './corpus.js';

const run = promisify(execFile);

test('--question answers one question offline, with citations and the routing line', async () => {
  const { stdout } = await run(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--conditions=@modelmux/source', 'src/main.ts', '--question', 'How do I install the router?'],
    {
      cwd: path.join(repoRoot, 'apps/rag'),
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      timeout: 60_000,
    },
  );
  expect(stdout).toMatch(
    /^offline: fake providers openai, anthropic, google, groq on http:\/\/127\.0\.0\.1:\d+/,
  );
  expect(stdout).toMatch(/ingested \d+ documents → \d+ chunks, embedded by (google|openai)\//);
  expect(stdout).toContain('Q: How do I install the router?');
  expect(stdout).toContain('A: npm install @modelmux/router');
  expect(stdout).toContain('[1] packages/router/README.md › Install');
  expect(stdout).toMatch(
    /↳ \w+\/[\w.-]+ · strategy quality · \d+ ms · \d+\+\d+ tokens · \$\d\.\d{6} · hybrid retrieval/,
  );
  // One question only.
  expect(stdout.match(/^Q: /gm)).toHaveLength(1);
}, 60_000);

test('bad flags fail before anything starts, naming the flag; --help prints the usage', async () => {
  const cli = (args: string[]) =>
    run(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['--conditions=@modelmux/source', 'src/main.ts', ...args],
      {
        cwd: path.join(repoRoot, 'apps/rag'),
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
        timeout: 90_000,
      },
    ).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const [top, question, unknown, help] = await Promise.all([
    cli(['--top', 'abc']),
    cli(['--question', ' ']),
    cli(['--offline', '--bogus']),
    cli(['--help']),
  ]);
  expect(top.code).toBe(1);
  expect(top.stderr).toContain(
    "error: option '-k, --top <n>' argument 'abc' is invalid. Expected a whole number ≥ 1.",
  );
  expect(question.code).toBe(1);
  expect(question.stderr).toContain("option '-q, --question <text>' argument ' ' is invalid");
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("error: unknown option '--bogus'");
  for (const failed of [top, question, unknown]) expect(failed.stdout).toBe('');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: modelmux-rag \[options\]/);
  expect(help.stdout).toContain('--top <n>');
}, 180_000);
