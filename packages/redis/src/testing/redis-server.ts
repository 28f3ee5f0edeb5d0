import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** A `redis-server` child process on a loopback port, for tests. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop()`). */
  start(): Promise<void>;
}

/** True when a `redis-server` binary is on the PATH. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

const installHint = 'apt-get install -y --no-install-recommends redis-server';
let warned = false;

/**
 * The one rule for tests that need a real Redis: true when `redis-server` is on the PATH. When it
 * is not, this throws under CI (`CI` set: a skipped Redis test must never pass a build) and, on a
 * developer machine, prints one note per process and returns false, so the caller skips only
 * its Redis tests (`describe.runIf(requireRedisServer('the fleet tests'))`).
 *
 * @param what the tests that will be skipped, for the note ("@modelmux/redis's tests")
 */
export function requireRedisServer(what: string): boolean {
  if (hasRedisServer()) return true;
  if (process.env['CI'])
    throw new Error(
      `redis-server is missing in CI (CI is set), so ${what} cannot run: ${installHint}`,
    );
  if (!warned)
    console.warn(
      `redis-server is not on the PATH: ${what} are skipped here (they fail under CI). Install it: ${installHint}`,
    );
  warned = true;
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(200);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Spawns `redis-server --port <free port> --save '' --appendonly no` on 127.0.0.1 and waits
 * until it answers PING. Throws when the binary is missing (install the Debian package
 * `redis-server`). Used by this package's vitest global setup and the fleet tests.
 */
export async function startRedisServer(
  options: {
    port?: number;
    /** Keep the data in this folder (append-only file, fsync always) so it survives `stop()`/`start()`. */
    persistDir?: string;
  } = {},
): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error(`redis-server is not installed: ${installHint}`);
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(options.persistDir
          ? ['--dir', options.persistDir, '--appendonly', 'yes', '--appendfsync', 'always']
          : ['--appendonly', 'no']),
      ],
      { stdio: 'ignore' },
    );
    child = proc;
    let exited = false;
    proc.once('exit', () => (exited = true));
    for (let i = 0; i < 200; i++) {
      if (exited) throw new Error(`redis-server exited at start (port ${port})`);
      if (await answersPing(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    proc.kill('SIGKILL');
    throw new Error(`redis-server did not answer PING on port ${port}`);
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}
