// The chatbot's command line as a user runs it: a child process (tsx, workspace sources)
// driven through its stdin, on fake vendor servers started by this test. The child finds them
// through the environment (OPENAI_BASE_URL…), as it would find real providers with keys.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(appDir, '..', '..', 'node_modules', '.bin', 'tsx');

let fake: FakeProviders;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  fake.reset();
});
afterAll(() => fake.close());

/** The environment of a user with keys for the four providers, each pointed at the fake. */
function providerEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    OPENAI_API_KEY: 'sk-cli-test-openai-0000',
    OPENAI_BASE_URL: fake.baseURL.openai,
    ANTHROPIC_API_KEY: 'sk-ant-cli-test-0000',
    ANTHROPIC_BASE_URL: fake.baseURL.anthropic,
    GOOGLE_API_KEY: 'AIzaCliTestGoogle0000',
    GOOGLE_BASE_URL: fake.baseURL.google,
    GROQ_API_KEY: 'gsk_cli_test_0000',
    GROQ_BASE_URL: fake.baseURL.groq,
  };
}

interface Chat {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  send: (line: string) => void;
  /** Waits until the output (from `from` on) matches. */
  waitFor: (pattern: RegExp, from?: number) => Promise<void>;
  exit: Promise<number | null>;
}

function startChat(args: string[] = [], env: NodeJS.ProcessEnv = providerEnv()): Chat {
  const child = spawn(tsx, ['--conditions=@modelmux/source', 'src/main.ts', ...args], {
    cwd: appDir,
    env,
  });
  children.push(child);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (out += text));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    send: (line) => child.stdin.write(`${line}\n`),
    waitFor: (pattern, from = 0) =>
      vi.waitFor(() => expect(out.slice(from)).toMatch(pattern), { timeout: 20_000, interval: 20 }),
    exit,
  };
}

describe('the chatbot CLI, driven through its stdin', () => {
  test('streams an answer, pins a provider with /use, shows /providers and /stats, and quits', async () => {
    const chat = startChat();
    await chat.waitFor(/real providers found in the environment: openai, anthropic, google, groq/);
    await chat.waitFor(/you> $/);
    fake.script('anthropic', [{ reply: { text: 'Anthropic streams this answer.' } }]);
    chat.send('/use anthropic');
    await chat.waitFor(/pinned anthropic/);
    chat.send('What is RAG?');
    await chat.waitFor(
      /Anthropic streams this answer\.\n {2}↳ anthropic · claude-haiku-4-5 · pinned anthropic/,
    );
    // The answer really came from the vendor, as a stream.
    expect(fake.count('anthropic')).toBe(1);
    expect((fake.requests('anthropic')[0]?.body as { stream?: boolean }).stream).toBe(true);
    chat.send('/providers');
    await chat.waitFor(/groq\s+llama-3\.3-70b-versatile\s+131,072/);
    chat.send('/stats');
    await chat.waitFor(/turns 1 \(0 stopped, 0 failed\)[\s\S]*anthropic\s+1\s+100%/);
    chat.send('/quit');
    expect(await chat.exit).toBe(0);
    expect(chat.output()).toMatch(/bye\n$/);
    // No key reaches the screen.
    expect(chat.output()).not.toMatch(/sk-cli-test|sk-ant-cli|AIzaCli|gsk_cli/);
  }, 60_000);

  test('Ctrl-C (SIGINT) during a slow streamed answer stops that answer; the program keeps going; Ctrl-C at the prompt exits', async () => {
    const chat = startChat(['--provider', 'openai']);
    await chat.waitFor(/you> $/);
    fake.script('openai', [
      {
        streamEventDelayMs: 150,
        reply: { text: 'Once upon a time there was a very long story that never seemed to end' },
      },
    ]);
    chat.send('Tell me a long story');
    await chat.waitFor(/Once/); // the first tokens are on screen
    chat.child.kill('SIGINT');
    await chat.waitFor(/\[answer stopped\]\n {2}↳ openai · gpt-4\.1-mini .* · stopped\nyou> $/);
    expect(chat.output()).not.toContain('never seemed to end');
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true));
    expect(chat.child.exitCode).toBeNull(); // still running

    // The program goes on: the next message is answered.
    const mark = chat.output().length;
    chat.send('Hello again');
    await chat.waitFor(/↳ openai · gpt-4\.1-mini[^\n]*no fallback/, mark);
    chat.send('/stats');
    await chat.waitFor(/turns 2 \(1 stopped, 0 failed\)/, mark);

    // At the prompt, Ctrl-C leaves.
    await chat.waitFor(/you> $/);
    chat.child.kill('SIGINT');
    expect(await chat.exit).toBe(0);
    expect(chat.output()).toMatch(/bye\n$/);
  }, 60_000);

  test('--script replays a conversation non-interactively, offline with no keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelmux-chat-'));
    const script = join(dir, 'conversation.txt');
    writeFileSync(
      script,
      [
        'Hi',
        'Explain how a circuit breaker protects a provider',
        '/strategy cost',
        'Thanks',
        '/stats',
      ].join('\n'),
    );
    const chat = startChat(['--script', script], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
    });
    expect(await chat.exit).toBe(0);
    const out = chat.output();
    expect(out).toContain('offline: fake providers openai, anthropic, google, groq');
    expect(out).toContain('you> Hi\n');
    expect(out).toMatch(/complexity: simple → cost/);
    expect(out).toMatch(/complexity: complex → quality/);
    expect(out).toContain('routing by cost');
    expect(out).toMatch(/turns 3 \(0 stopped, 0 failed\)/);
    expect(out).toMatch(/bye\n$/);
    expect(fake.count()).toBe(0); // its own in-process fakes, not ours
  }, 60_000);

  test('--via ai-sdk: the same chat through the Vercel AI SDK on @modelmux/ai-sdk', async () => {
    const chat = startChat(['--via', 'ai-sdk', '--provider', 'anthropic']);
    await chat.waitFor(/routing by complexity via ai-sdk;/);
    await chat.waitFor(/you> $/);
    fake.script('anthropic', [{ reply: { text: 'Through the AI SDK.' } }]);
    chat.send('What is RAG?');
    await chat.waitFor(
      /Through the AI SDK\.\n {2}↳ anthropic · claude-haiku-4-5 · pinned anthropic/,
    );
    expect((fake.requests('anthropic')[0]?.body as { stream?: boolean }).stream).toBe(true);
    chat.send('/quit');
    expect(await chat.exit).toBe(0);
    expect(chat.output()).not.toMatch(/sk-cli-test|sk-ant-cli|AIzaCli|gsk_cli/);
  }, 60_000);

  test('a script that cannot be read, or a bad option, exits 1 with the reason', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const missing = startChat(['--script', '/nonexistent/chat.txt'], env);
    expect(await missing.exit).toBe(1);
    expect(missing.output()).toContain('--script: cannot read the file /nonexistent/chat.txt');
    const strategy = startChat(['--strategy', 'fastest'], env);
    expect(await strategy.exit).toBe(1);
    expect(strategy.output()).toContain(
      "error: option '--strategy <name>' argument 'fastest' is invalid. Allowed choices are cost, latency",
    );
    const window = startChat(['--context-window', '600', '--max-tokens', '512'], env);
    expect(await window.exit).toBe(1);
    expect(window.output()).toContain(
      'error: --context-window must be at least 612 tokens (512 for the answer + 100 for the conversation); received 600',
    );
    const tokens = startChat(['--max-tokens', '0'], env);
    expect(await tokens.exit).toBe(1);
    expect(tokens.output()).toContain("option '--max-tokens <tokens>' argument '0' is invalid");
    const via = startChat(['--via', 'langchain'], env);
    expect(await via.exit).toBe(1);
    expect(via.output()).toContain(
      "error: option '--via <path>' argument 'langchain' is invalid. Allowed choices are modelmux, ai-sdk.",
    );
    const unknown = startChat(['--bogus'], env);
    expect(await unknown.exit).toBe(1);
    expect(unknown.output()).toContain("error: unknown option '--bogus'");
    // Nothing started: no fake server, no prompt.
    for (const chat of [window, tokens, via, unknown])
      expect(chat.output()).not.toContain('offline:');
  }, 120_000);
});
