import { describe, expect, test } from 'vitest';
import { parseConfigIssues as issues } from '../__fixtures__/config-errors.js';
import { defaultHooksConfig } from './hooks-schema.js';
import { parseConfig } from './parse-config.js';

const providers = { openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' } };

describe('config: hooks', () => {
  test('absent: the meta-package uses the documented defaults', () => {
    expect(parseConfig({ providers }).hooks).toBeUndefined();
    expect(defaultHooksConfig).toEqual({ maxInputChars: 500_000, stripControlCharacters: true });
  });

  test('keeps the functions and fills the built-in checks', () => {
    const beforeRequest = (request: never) => request;
    const afterResponse = (result: never) => result;
    const formatRequest = (request: never) => request;
    expect(
      parseConfig({ providers, hooks: { beforeRequest, afterResponse, formatRequest } }).hooks,
    ).toEqual({
      beforeRequest,
      afterResponse,
      formatRequest,
      maxInputChars: 500_000,
      stripControlCharacters: true,
    });
    expect(
      parseConfig({ providers, hooks: { maxInputChars: 10, stripControlCharacters: false } }).hooks,
    ).toEqual({ maxInputChars: 10, stripControlCharacters: false });
  });

  test('a hook that is not a function is reported at its path', () => {
    expect(issues({ providers, hooks: { beforeRequest: 'trim' } })).toEqual([
      {
        path: 'hooks.beforeRequest',
        message: expect.stringContaining('expected a function (request, context) => request'),
      },
    ]);
    expect(issues({ providers, hooks: { afterResponse: {} } })[0]?.path).toBe(
      'hooks.afterResponse',
    );
    expect(issues({ providers, hooks: { formatRequest: 'claude' } })[0]?.path).toBe(
      'hooks.formatRequest',
    );
    expect(issues({ providers, hooks: { maxInputChars: 0 } })[0]?.path).toBe('hooks.maxInputChars');
  });

  test('a misspelt key gets a hint', () => {
    const [issue] = issues({ providers, hooks: { beforeRequests: () => undefined } });
    expect(issue?.path).toBe('hooks.beforeRequests');
    expect(issue?.message).toContain('beforeRequest');
  });
});
