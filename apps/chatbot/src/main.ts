// The chatbot's command line: `npm start -w @modelmux/app-chatbot -- [--script file]`.
import { accessSync, constants, createReadStream } from 'node:fs';
import { createAppFactory, nonEmptyText, positiveInteger, runCli } from '@modelmux/app-rag';
import { routingStrategies } from '@modelmux/core';
import { Command, InvalidArgumentError, Option } from 'commander';
import { contextWindowProblem, createChatbot } from './chatbot.js';
import { runChat } from './run-chat.js';
import { type ChatVia, chatVias } from './turn-stream.js';

interface CliOptions {
  script?: string;
  strategy: string;
  provider?: string;
  contextWindow?: number;
  maxTokens: number;
  offline?: boolean;
  via: ChatVia;
}

const program = new Command()
  .name('modelmux-chat')
  .description(
    'A streaming terminal chat routed by message complexity through modelmux (offline on fake providers without API keys).',
  )
  .option('--script <file>', 'replay a conversation from a file (one line per message or command)')
  .addOption(
    new Option('--strategy <name>', 'routing strategy of each turn')
      .choices(routingStrategies)
      .default('complexity'),
  )
  .option('--provider <name>', 'start pinned to a provider (like /use)', nonEmptyText)
  .option(
    '--context-window <tokens>',
    'trim memory to this window (default: the catalogue’s; at least --max-tokens + 100)',
    positiveInteger,
  )
  .option('--max-tokens <tokens>', 'largest answer', positiveInteger, 512)
  .option('--offline', 'use the fake providers even when API keys are set')
  .addOption(
    new Option(
      '--via <path>',
      `how turns reach modelmux: ${chatVias.join(' or ')} (the Vercel AI SDK's streamText on @modelmux/ai-sdk)`,
    )
      .choices(chatVias)
      .default('modelmux'),
  )
  .action(async (opts: CliOptions) => {
    const windowProblem =
      opts.contextWindow === undefined
        ? undefined
        : contextWindowProblem(opts.contextWindow, opts.maxTokens);
    if (windowProblem) throw new InvalidArgumentError(`--context-window ${windowProblem}`);
    if (opts.script !== undefined) {
      try {
        accessSync(opts.script, constants.R_OK);
      } catch {
        throw new InvalidArgumentError(`--script: cannot read the file ${opts.script}`);
      }
    }
    const app = await createAppFactory({ mode: opts.offline ? 'fake' : 'auto' });
    const chatbot = (() => {
      try {
        return createChatbot({
          factory: app.factory,
          output: process.stdout,
          strategy: opts.strategy,
          maxTokens: opts.maxTokens,
          via: opts.via,
          ...(opts.provider !== undefined && { provider: opts.provider }),
          ...(opts.contextWindow !== undefined && { contextWindow: opts.contextWindow }),
        });
      } catch (error) {
        void app.close();
        throw error;
      }
    })();
    try {
      process.stdout.write(`${app.describe()}\n`);
      process.stdout.write(
        `routing by ${chatbot.strategy}${opts.via === 'modelmux' ? '' : ` via ${opts.via}`}; /help for commands; Ctrl-C stops an answer, Ctrl-C at the prompt quits\n`,
      );
      await runChat({
        chatbot,
        input: opts.script !== undefined ? createReadStream(opts.script) : process.stdin,
        output: process.stdout,
      });
      process.stdout.write('bye\n');
    } finally {
      chatbot.close();
      await app.close();
    }
  });

runCli(program);
