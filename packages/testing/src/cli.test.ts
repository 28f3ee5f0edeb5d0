import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
let child: ChildProcess;
let output = '';
let url = '';

beforeAll(async () => {
  child = spawn(
    tsx,
    ['--conditions=@modelmux/source', 'src/cli.ts', '--port', '0', '--seed', '5'],
    {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 10_000);
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && output.includes('Ctrl-C')) {
        clearTimeout(timer);
        url = match[1] as string;
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
}, 15_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('modelmux-fake CLI', () => {
  it('prints the four base URLs and a curl example per provider', () => {
    expect(output).toContain(`openai     ${url}/v1`);
    expect(output).toMatch(/anthropic\s+http/);
    expect(output).toMatch(/groq\s+http/);
    expect(output).toMatch(/google\s+http/);
    expect(output).toContain(
      'new GoogleGenAI({ apiKey, httpOptions: { baseUrl } })  (@google/genai)',
    );
    expect(output.match(/curl -s/g)).toHaveLength(4);
  });

  it('answers an HTTP request in the OpenAI format', async () => {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hello volcano' }],
      }),
    });
    const body = (await res.json()) as {
      object: string;
      choices: { message: { content: string } }[];
    };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toContain('volcano');
  });

  it('shuts down on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });
});
