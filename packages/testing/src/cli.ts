#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { cliBanner } from './cli-banner.js';
import { startFakeProviders } from './server/start-fake-providers.js';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

const program = new Command()
  .name('modelmux-fake')
  .description(
    'Fake OpenAI, Anthropic, Gemini and Groq servers on one loopback port, for tests and demos.',
  )
  .option('-p, --port <port>', 'port to listen on (0 = random)', integer, 8787)
  .option('--host <host>', 'host to bind', '127.0.0.1')
  .option('--seed <seed>', 'seed of the rules PRNG', integer)
  .action(async (options: { port: number; host: string; seed?: number }) => {
    const fake = await startFakeProviders({
      port: options.port,
      host: options.host,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    process.stdout.write(cliBanner(fake));
    // A closed stdout (e.g. piped into `head`) must not crash the shutdown.
    process.stdout.on('error', () => undefined);
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: closing\n`);
      fake.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(
    `modelmux-fake: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
