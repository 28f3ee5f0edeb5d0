import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeProviderName, FakeRules } from '@modelmux/testing';
import type { FakeCommand } from './fake-child.js';

/** The fake vendor server running in a child process, so its work does not share our event loop. */
export interface FakeProcess {
  url: string;
  baseURL: { openai: string; anthropic: string; google: string; groq: string };
  /** Sets (or clears) a provider's rules at the fake: e.g. every call answers 500, or hangs. */
  rules(provider: FakeProviderName, rules: FakeRules | undefined): Promise<void>;
  /** Requests the fake has received (for one provider, or all) since the last reset. */
  count(provider?: FakeProviderName): Promise<number>;
  /** Clears rules, scripts and the fake's request records. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Starts `@modelmux/testing`'s fake in a child process (from source) and waits for its URL. */
export async function startFakeProcess(): Promise<FakeProcess> {
  // The same loader as the bench (../loader: the TypeScript sources through esbuild).
  const loader = new URL('../loader/register.mjs', import.meta.url).href;
  const script = fileURLToPath(new URL('./fake-child.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@modelmux/source', '--import', loader, script],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const waiting = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  child.on('message', (message: { id: number; value: unknown }) => {
    waiting.get(message.id)?.(message.value);
    waiting.delete(message.id);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake did not start in 30 s')), 30_000);
    waiting.set(0, (value) => {
      clearTimeout(timer);
      resolve(value as string);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake exited with ${code}`));
    });
  });
  const send = (command: DistributiveOmit<FakeCommand, 'id'>) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...command, id });
    });
  return {
    url,
    baseURL: {
      openai: `${url}/v1`,
      anthropic: url,
      google: url,
      groq: url,
    },
    rules: async (provider, rules) => void (await send({ op: 'rules', provider, rules })),
    count: async (provider) => (await send({ op: 'count', provider })) as number,
    reset: async () => void (await send({ op: 'reset' })),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
        setTimeout(() => child.kill('SIGTERM'), 2_000).unref();
      }),
  };
}
