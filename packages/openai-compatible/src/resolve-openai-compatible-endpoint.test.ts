import { redactSecrets } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { nonEmpty, resolveOpenAICompatibleEndpoint } from './resolve-openai-compatible-endpoint.js';

const vendor = { defaultBaseURL: 'https://api.acme.test/v1', apiKeyEnvVar: 'ACME_API_KEY' };

describe('resolveOpenAICompatibleEndpoint', () => {
  it('uses the vendor’s URL and falls back to the env key there, registering it for redaction', () => {
    const endpoint = resolveOpenAICompatibleEndpoint(
      { env: { ACME_API_KEY: 'acme-env-key-no-shape-4711' } },
      vendor,
    );
    expect(endpoint).toMatchObject({
      baseURL: 'https://api.acme.test/v1',
      customEndpoint: false,
      apiKey: 'acme-env-key-no-shape-4711',
    });
    expect(redactSecrets('key acme-env-key-no-shape-4711')).toBe('key [REDACTED]');
  });

  it('never gives the env key to a custom endpoint, and drops trailing slashes', () => {
    const endpoint = resolveOpenAICompatibleEndpoint(
      {
        baseURL: 'http://127.0.0.1:11434/v1//',
        env: { ACME_API_KEY: 'acme-env-key-must-stay-home' },
      },
      vendor,
    );
    expect(endpoint).toMatchObject({
      baseURL: 'http://127.0.0.1:11434/v1',
      customEndpoint: true,
      apiKey: undefined,
    });
    expect(
      resolveOpenAICompatibleEndpoint({ baseURL: 'https://api.acme.test/v1/' }, vendor)
        .customEndpoint,
    ).toBe(false);
  });

  it('prefers the settings’ key and ignores blank keys', () => {
    expect(
      resolveOpenAICompatibleEndpoint(
        { apiKey: 'acme-settings-key-1', env: { ACME_API_KEY: 'other-key-123' } },
        vendor,
      ).apiKey,
    ).toBe('acme-settings-key-1');
    expect(
      resolveOpenAICompatibleEndpoint({ apiKey: '  ', env: { ACME_API_KEY: '' } }, vendor).apiKey,
    ).toBeUndefined();
  });

  it('reads process.env when no env is given', () => {
    process.env['ACME_API_KEY'] = 'acme-process-env-key-99';
    try {
      expect(resolveOpenAICompatibleEndpoint({}, vendor).apiKey).toBe('acme-process-env-key-99');
    } finally {
      delete process.env['ACME_API_KEY'];
    }
  });
});

describe('nonEmpty', () => {
  it('turns missing and blank values into undefined', () => {
    expect(nonEmpty(undefined)).toBeUndefined();
    expect(nonEmpty(' ')).toBeUndefined();
    expect(nonEmpty('x')).toBe('x');
  });
});
