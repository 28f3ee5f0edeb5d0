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
