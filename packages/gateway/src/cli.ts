#!/usr/bin/env node
import { ConfigError } from '@modelmux/core';
import { Command, InvalidArgumentError } from 'commander';
import { startGateway } from './start-gateway.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

const program = new Command()
  .name('modelmux-gateway')
  .description(
    'An OpenAI-compatible gateway on modelmux: virtual keys, budgets, metrics, a live dashboard.',
  )
  .requiredOption('-c, --config <file>', 'gateway config (.yaml, .yml or .json)')
  .option('-p, --port <port>', 'port to listen on (also PORT; default 4000)', port)
  .option('--host <host>', 'host to bind (default 127.0.0.1)')
  .action(async (options: { config: string; port?: number; host?: string }) => {
    try {
      const started = await startGateway({
        config: options.config,
        ...(options.port !== undefined && { port: options.port }),
        ...(options.host !== undefined && { host: options.host }),
      });
      process.stdout.write(`modelmux-gateway listening on ${started.url}\n`);
    } catch (error) {
      process.stderr.write(
        ConfigError.isInstance(error)
          ? `${error.message}\n`
          : `modelmux-gateway: ${(error as Error).message}\n`,
      );
      process.exit(1);
    }
  });

await program.parseAsync();
