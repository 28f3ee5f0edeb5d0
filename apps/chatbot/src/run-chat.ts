import { createInterface } from 'node:readline';
import type { Chatbot } from './chatbot-types.js';

/** Options of {@link runChat}. */
export interface RunChatOptions {
  chatbot: Chatbot;
  /** Lines to handle: `process.stdin`, or a script file's stream. */
  input: NodeJS.ReadableStream;
  /** Where the prompt (and echoed script lines) go; the chatbot writes its own output. */
  output: NodeJS.WritableStream;
  /** The prompt (default `'you> '`). */
  prompt?: string;
  /** Write each line after the prompt, as when replaying a script (default: when the input is not a terminal). */
  echo?: boolean;
  /** Where SIGINT arrives when the input is not a terminal (default `process`). */
  signals?: NodeJS.EventEmitter;
}

/**
 * Runs a chat loop over `input`, one line at a time (lines that arrive during an answer wait
 * their turn). Ctrl-C during an answer aborts that answer's signal and the loop goes on; Ctrl-C
 * at the prompt ends the loop. On a terminal readline reports Ctrl-C; otherwise it is the
 * process's SIGINT. Resolves with why it ended: `quit` (`/quit`), `interrupt` (Ctrl-C at the
 * prompt) or `end` (the input ended).
 */
export async function runChat(options: RunChatOptions): Promise<'quit' | 'interrupt' | 'end'> {
  const { chatbot, input, output } = options;
  const signals = options.signals ?? process;
  const terminal =
    (input as { isTTY?: boolean }).isTTY === true && (output as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output, terminal, prompt: options.prompt ?? 'you> ' });
  let answering: AbortController | undefined;
  let ended: 'quit' | 'interrupt' | 'end' = 'end';
  const onInterrupt = () => {
    if (answering) {
      answering.abort();
      return;
    }
    ended = 'interrupt';
    output.write('\n');
    rl.close();
  };
  rl.on('SIGINT', onInterrupt);
  signals.on('SIGINT', onInterrupt);
  try {
    rl.prompt();
    for await (const line of rl) {
      if (options.echo ?? !terminal) output.write(`${line}\n`);
      answering = new AbortController();
      const result = await chatbot.handle(line, { signal: answering.signal });
      answering = undefined;
      if (result.type === 'quit') {
        ended = 'quit';
        break;
      }
      rl.prompt();
    }
  } finally {
    signals.off('SIGINT', onInterrupt);
    rl.close();
  }
  return ended;
}
