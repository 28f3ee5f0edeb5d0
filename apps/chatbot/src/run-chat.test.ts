// The chat loop in process, on the fakes: Ctrl-C as a terminal sends it (readline's SIGINT from
// the raw byte 0x03) and as a signal (piped input), during an answer and at the prompt.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { type AppFactory, createAppFactory } from '@modelmux/app-rag';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createChatbot } from './chatbot.js';
import { runChat } from './run-chat.js';

let fake: FakeProviders;
let app: AppFactory;

beforeAll(async () => {
  fake = await startFakeProviders();
});
beforeEach(async () => {
  app = await createAppFactory({ mode: 'fake', fake });
});
afterEach(async () => {
  await app.close();
  fake.reset();
});
afterAll(() => fake.close());

/** A stream that says it is a terminal, as process.stdin/stdout do in a shell. */
function terminalStream(): PassThrough & {
  isTTY: boolean;
  columns: number;
  setRawMode: () => void;
} {
  return Object.assign(new PassThrough(), {
    isTTY: true,
    columns: 120,
    setRawMode: () => undefined,
  });
}

function setup(options: { terminal: boolean }) {
  const input = options.terminal ? terminalStream() : new PassThrough();
  const output = options.terminal ? terminalStream() : new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const chatbot = createChatbot({ factory: app.factory, output, provider: 'openai' });
  const signals = new EventEmitter();
  const done = runChat({ chatbot, input, output, signals });
  const waitFor = (pattern: RegExp) =>
    vi.waitFor(() => expect(text).toMatch(pattern), { timeout: 10_000, interval: 10 });
  return { input, chatbot, signals, done, waitFor, text: () => text };
}

const slowStory = {
  streamEventDelayMs: 100,
  reply: { text: 'Once upon a time there was a story that went on and on and never ended' },
};

describe('runChat', () => {
  test('on a terminal, Ctrl-C during an answer stops it; Ctrl-C at the prompt ends the loop', async () => {
    fake.script('openai', [slowStory]);
    const chat = setup({ terminal: true });
    chat.input.write('Tell me a story\r');
    await chat.waitFor(/Once/);
    chat.input.write('\x03'); // what the terminal sends for Ctrl-C in raw mode
    await chat.waitFor(/\[answer stopped\]/);
    expect(chat.text()).not.toContain('never ended');
    await vi.waitFor(() => expect(fake.requests('openai')[0]?.closedEarly).toBe(true));
    chat.input.write('Hello\r');
    await chat.waitFor(/Hello\r\n[^\n]+\n {2}↳ openai[^\n]*no fallback · memory 4 msgs/);
    chat.input.write('\x03');
    expect(await chat.done).toBe('interrupt');
    expect(chat.chatbot.stats()).toMatchObject({ turns: 2, stopped: 1 });
    chat.chatbot.close();
  });

  test('with piped input, SIGINT during an answer stops it and the next lines are handled; SIGINT at the prompt ends the loop', async () => {
    fake.script('openai', [slowStory]);
    const chat = setup({ terminal: false });
    // Both lines arrive at once: the second waits for the first answer to end.
    chat.input.write('Tell me a story\nHello\n');
    await chat.waitFor(/Once/);
    chat.signals.emit('SIGINT');
    await chat.waitFor(/\[answer stopped\][\s\S]*you> Hello\n[\s\S]*no fallback[^\n]*\nyou> $/);
    chat.signals.emit('SIGINT');
    expect(await chat.done).toBe('interrupt');
    expect(chat.signals.listenerCount('SIGINT')).toBe(0);
    chat.chatbot.close();
  });

  test('ends with "quit" on /quit and with "end" when the input ends', async () => {
    const quitting = setup({ terminal: false });
    quitting.input.write('/quit\nHello\n');
    expect(await quitting.done).toBe('quit');
    expect(quitting.text()).not.toContain('Hello\n'); // nothing after /quit is handled
    quitting.chatbot.close();

    const ending = setup({ terminal: false });
    ending.input.end('Hello\n');
    expect(await ending.done).toBe('end');
    expect(ending.text()).toMatch(/you> Hello\n[\s\S]*no fallback/);
    ending.chatbot.close();
  });
});
