// The package-consumer test: the published shape of modelmux, installed from tarballs into a
// folder with no workspace, runs an example against a fake (scripts/consumer-test.mjs).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFakeProviders } from '@modelmux/testing';
import { expect, test } from 'vitest';

const script = fileURLToPath(new URL('../scripts/consumer-test.mjs', import.meta.url));

test('packed modelmux + core, resilience, router, metrics, budgets and openai install and run on their own', async () => {
  const fake = await startFakeProviders();
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, FAKE_OPENAI_BASE_URL: fake.baseURL.openai },
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.installed).toEqual([
      'budgets',
      'core',
      'metrics',
      'openai',
      'openai-compatible',
      'resilience',
      'router',
      'transport',
    ]);
    expect(result.answer).toEqual({
      provider: 'openai',
      text: expect.stringContaining('rag'),
      cached: true,
      success: true,
    });
    expect(result.missingAdapter).toEqual({
      name: 'ModelmuxAdapterNotInstalledError',
      isInstance: true,
      message: expect.stringContaining('npm install @modelmux/anthropic'),
    });
    expect(fake.count('openai')).toBe(2); // the cached repeat sent nothing
  } finally {
    await fake.close();
  }
}, 300_000);
