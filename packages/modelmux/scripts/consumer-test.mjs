#!/usr/bin/env node
// The package-consumer test: builds and packs modelmux and the packages it needs (core,
// resilience, router, metrics, budgets, and one adapter: openai with its openai-compatible
// base), installs ONLY those tarballs (plus their registry dependencies) into a temporary folder
// with no workspace around it, and runs an example there against a fake OpenAI server.
//
// Usage: FAKE_OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 node packages/modelmux/scripts/consumer-test.mjs
// Prints one JSON line: { installed, answer, missingAdapter }. Exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fakeURL = process.env.FAKE_OPENAI_BASE_URL;
if (!fakeURL) throw new Error('set FAKE_OPENAI_BASE_URL to a fake OpenAI base URL (…/v1)');

// Dependency order: each package is built against the declarations of those before it.
const packages = [
  'core',
  'transport',
  'openai-compatible',
  'openai',
  'resilience',
  'router',
  'metrics',
  'budgets',
  'modelmux',
];
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

const work = mkdtempSync(join(tmpdir(), 'modelmux-consumer-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
try {
  run('mkdir', ['-p', tarballs, app]);
  for (const name of packages) {
    const dir = join(root, 'packages', name);
    run(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], dir);
    run('npm', ['pack', '--silent', '--pack-destination', tarballs], dir);
  }
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));

  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...files.map((f) => join(tarballs, f)),
    ],
    app,
  );
  const installed = readdirSync(join(app, 'node_modules', '@modelmux')).sort();

  writeFileSync(
    join(app, 'example.mjs'),
    `import { ProviderFactory, AdapterNotInstalledError } from 'modelmux';

const factory = new ProviderFactory({
  routingStrategy: 'cost',
  providers: { openai: { apiKey: 'sk-consumer-test-0123456789', baseURL: process.env.FAKE_OPENAI_BASE_URL } },
  cache: true,
});
const llm = factory.getProvider();
const first = await llm.invoke('What is RAG?');
const again = await llm.invoke('What is RAG?');
const content = await factory.generateContent('Classify this email: ...', { temperature: 0, maxTokens: 64 });
await factory.close();

// Anthropic's adapter is not installed here: asking for it must say what to install.
const missing = new ProviderFactory({
  primaryProvider: 'anthropic',
  enableFallback: false,
  providers: { anthropic: { apiKey: 'sk-ant-consumer-0123456789' } },
});
let missingAdapter;
try {
  await missing.getProvider().invoke('Hi');
} catch (error) {
  missingAdapter = { name: error.name, isInstance: AdapterNotInstalledError.isInstance(error), message: error.message };
}
await missing.close();

console.log(JSON.stringify({
  answer: { provider: first.provider, text: first.text, cached: again.cached, success: content.success },
  missingAdapter,
}));
`,
  );
  const output = run(process.execPath, ['example.mjs'], app).trim().split('\n').at(-1);
  console.log(JSON.stringify({ installed, ...JSON.parse(output) }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
