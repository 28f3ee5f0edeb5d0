import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The fake vendor server running in a child process, so its work does not share our event loop. */
export interface FakeProcess {
  url: string;
  baseURL: { openai: string; anthropic: string };
  close(): Promise<void>;
}

/** Starts `modelmux-fake --port 0` from source (through tsx) and waits for its banner. */
export async function startFakeProcess(): Promise<FakeProcess> {
  const require = createRequire(import.meta.url);
  const tsxCli = require.resolve('tsx/cli');
  const cli = fileURLToPath(new URL('../../../packages/testing/src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, [tsxCli, '--conditions=development', cli, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the fake did not start: ${seen}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake exited with ${code}: ${seen}`));
    });
  });
  child.stdout.resume();
  return {
    url,
    baseURL: { openai: `${url}/v1`, anthropic: url },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
