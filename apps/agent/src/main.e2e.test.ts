// The CLI as a user runs it (tsx with the @modelmux/source condition), with no API key: the fakes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@modelmux/app-rag';
import { expect, test } from 'vitest';

const run = promisify(execFile);

test('--task runs one task offline, printing each step with its provider, model and cost', async () => {
  const { stdout } = await run(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    [
      '--conditions=@modelmux/source',
      'src/main.ts',
      '--task',
      'What is "2 ^ 10 - 24"? Use the calculator.',
      '--max-steps',
      '4',
    ],
    {
      cwd: path.join(repoRoot, 'apps/agent'),
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      timeout: 60_000,
    },
  );
  const lines = stdout.split('\n');
  expect(lines[0]).toMatch(
    /^offline: fake providers openai, anthropic, google, groq on http:\/\/127\.0\.0\.1:\d+/,
  );
  expect(stdout).toContain('Task: What is "2 ^ 10 - 24"? Use the calculator.');
  const steps = lines.filter((l) => l.startsWith('step '));
  expect(steps).toHaveLength(3);
  expect(steps[0]).toMatch(
    /^step 1 · tool-selection +→ \w+\/[\w.-]+ · cost · \$\d\.\d{6} · \d+ ms · \d+\+\d+ tokens$/,
  );
  expect(steps[2]).toMatch(/^step 3 · synthesis +→ \w+\/[\w.-]+ · quality · \$\d\.\d{6} · \d+ ms/);
  expect(stdout).toContain('    calculator({"expression":"2 ^ 10 - 24"}) = 1000');
  expect(stdout).toContain('Answer: Based on the tool result: 1000');
  expect(stdout).toMatch(/↳ 3 steps \(answer\) · \d+\+\d+ tokens · \$\d\.\d{6} · \d+ ms/);
}, 60_000);

test('bad flags fail before anything starts, naming the flag', async () => {
  const cli = (args: string[]) =>
    run(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['--conditions=@modelmux/source', 'src/main.ts', ...args],
      {
        cwd: path.join(repoRoot, 'apps/agent'),
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
        timeout: 90_000,
      },
    ).then(
      ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const [steps, task, extra] = await Promise.all([
    cli(['--max-steps', '2.5']),
    cli(['--task', '']),
    cli(['--offline', 'surplus']),
  ]);
  expect(steps.code).toBe(1);
  expect(steps.stderr).toContain(
    "error: option '-m, --max-steps <n>' argument '2.5' is invalid. Expected a whole number ≥ 1.",
  );
  expect(task.code).toBe(1);
  expect(task.stderr).toContain("option '-t, --task <text>' argument '' is invalid");
  expect(extra.code).toBe(1);
  expect(extra.stderr).toContain('error: too many arguments');
  for (const failed of [steps, task, extra]) expect(failed.stdout).toBe('');
}, 180_000);
