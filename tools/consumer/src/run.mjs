// Small process helpers for the consumer matrix: run a command, capture its output, time it.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` in `cwd`; resolves `{ code, stdout, stderr, ms }` (never rejects on a
 * non-zero exit: the caller decides what a failure means).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 */
export function run(command, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[timed out after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Like `run`, but throws (with the tail of the output) on a non-zero exit. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.code} in ${options?.cwd ?? process.cwd()}:\n${tail(result.stderr + result.stdout)}`,
    );
  return result;
}

/** The last `lines` lines of a text. */
export function tail(text, lines = 40) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** Runs async `jobs` with at most `limit` at once; resolves their results in order. */
export async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
