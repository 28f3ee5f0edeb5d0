// `npm run gateway -- --port N` at the repo root: the gateway on the fake vendors, offline, with
// examples/gateway.yaml (its ${FAKE_*_URL} variables point at the fakes started here).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeProviders } from '@modelmux/testing';
import { Command } from 'commander';
import { startGateway } from '@modelmux/gateway';

const options = new Command()
  .name('npm run gateway --')
  .option('-p, --port <port>', 'port (also PORT; default 4000)')
  .option('--host <host>', 'host (default 127.0.0.1)')
  .option(
    '-c, --config <file>',
    'config file',
    join(dirname(fileURLToPath(import.meta.url)), 'gateway.yaml'),
  )
  .parse()
  .opts<{ port?: string; host?: string; config: string }>();

const fake = await startFakeProviders();
const env = {
  ...process.env,
  FAKE_OPENAI_URL: fake.baseURL.openai,
  FAKE_ANTHROPIC_URL: fake.baseURL.anthropic,
  FAKE_GROQ_URL: fake.baseURL.groq,
  FAKE_GOOGLE_URL: fake.baseURL.google,
};
const started = await startGateway({
  config: options.config,
  env,
  ...(options.port !== undefined && { port: Number(options.port) }),
  ...(options.host !== undefined && { host: options.host }),
});
process.stdout.write(
  `\nmodelmux gateway on the fake vendors (${fake.url}): ${started.url}\n` +
    `  dashboard: ${started.url}/ui   models: ${started.url}/v1/models\n` +
    `  create a key: curl -X POST ${started.url}/admin/keys -H "authorization: Bearer $MODELMUX_MASTER_KEY" -d '{"name":"me"}'\n`,
);
started.server.once('close', () => void fake.close());
