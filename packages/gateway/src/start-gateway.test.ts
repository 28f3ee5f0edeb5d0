// The CLI as a real process: config errors name the path, the master key is generated when
// unset, SIGHUP reloads (a bad config is refused and the old one kept), SIGTERM finishes the
// stream in flight and refuses new requests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const cli = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');
let fake: FakeProviders;
let dir: string;

beforeAll(async () => {
  fake = await startFakeProviders();
  dir = mkdtempSync(join(tmpdir(), 'gateway-cli-'));
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (extra = '') => `providers:
  openai:
    apiKey: sk-cli-test-0123456789
    baseURL: \${FAKE_OPENAI_URL}
${extra}gateway:
  requireKey: false
  limits:
    shutdownGraceMs: 5000
`;

interface Child {
  process: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
}

function run(file: string, env: Record<string, string> = {}): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@modelmux/source', cli, '--config', file, '--port', '0'],
    {
      env: {
        ...process.env,
        FAKE_OPENAI_URL: fake.baseURL.openai,
        FAKE_ANTHROPIC_URL: fake.baseURL.anthropic,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error('spawned without pipes');
  let output = '';
  stdout.on('data', (d) => (output += String(d)));
  stderr.on('data', (d) => (output += String(d)));
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    };
    stdout.on('data', check);
    child.once('exit', () => reject(new Error(`exited before listening:\n${output}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { process: child, output: () => output, url, exited };
}

describe('modelmux-gateway (the bin)', () => {
  test('a config error names the path and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `providers:\n  openai:\n    maxTokens: lots\ngateway:\n  limits:\n    maxBodyBytes: -1\n`,
    );
    const child = run(file);
    expect(await child.exited).toBe(1);
    expect(child.output()).toMatch(/providers\.openai\.maxTokens/);
    expect(child.output()).toMatch(/gateway\.limits\.maxBodyBytes/);
  }, 30_000);

  test('prints a generated master key once when MODELMUX_MASTER_KEY is unset; SIGHUP reloads, a bad config is refused', async () => {
    const file = join(dir, 'reload.yaml');
    writeFileSync(file, config());
    const child = run(file, { MODELMUX_MASTER_KEY: '' });
    const url = await child.url;
    const printed = /master key \(shown once\): (\S+)/.exec(child.output())?.[1];
    expect(printed).toBeDefined();
    expect(
      (await fetch(`${url}/admin/keys`, { headers: { authorization: `Bearer ${printed}` } }))
        .status,
    ).toBe(200);
    const models = async () =>
      ((await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] }).data.map(
        (m) => m.id,
      );
    expect(await models()).not.toContain('anthropic');

    writeFileSync(file, config().replace('providers:', 'providers:\n  nope: { type: 42 }'));
    child.process.kill('SIGHUP');
    await expect.poll(() => child.output(), { timeout: 10_000 }).toMatch(/config reload refused/);
    expect(child.output()).toMatch(/providers\.nope/);
    expect(await models()).toContain('openai');

    writeFileSync(
      file,
      config().replace(
        'providers:',
        'providers:\n  anthropic:\n    apiKey: sk-ant-cli-0123456789\n    baseURL: ${FAKE_ANTHROPIC_URL}',
      ),
    );
    child.process.kill('SIGHUP');
    await expect.poll(models, { timeout: 10_000 }).toContain('anthropic');
    expect(child.output().split(printed as string)).toHaveLength(2);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 90_000);

  test('SIGTERM: the stream in flight finishes, new requests are refused, exit 0', async () => {
    const file = join(dir, 'term.yaml');
    writeFileSync(file, config());
    const child = run(file, { MODELMUX_MASTER_KEY: 'mk-term-test-0123456789' });
    const url = await child.url;
    const ask = (stream: boolean) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'openai',
          messages: [{ role: 'user', content: 'hi' }],
          stream,
        }),
      });
    expect((await ask(false)).status).toBe(200);
    fake.script('openai', [
      { streamEventDelayMs: 150, reply: { text: 'one two three four five six' } },
    ]);
    const streaming = await ask(true);
    expect(streaming.status).toBe(200);
    child.process.kill('SIGTERM');
    const text = await streaming.text();
    expect(text).toContain('[DONE]');
    await expect(ask(false)).rejects.toThrow();
    expect(await child.exited).toBe(0);
  }, 90_000);
});
