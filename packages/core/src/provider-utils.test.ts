import { describe, expect, test } from 'vitest';
import * as root from './index.js';
import * as utils from './provider-utils.js';

describe('@modelmux/core/provider-utils', () => {
  test('the adapter helpers still exported from the root (deprecated) are the same functions', () => {
    for (const name of [
      'createCallSignal',
      'runProviderGenerate',
      'runProviderStream',
      'healthCheckByGenerate',
      'groupIntoTurns',
      'toolCallArgsObject',
      'registerSecret',
    ] as const) {
      expect(typeof utils[name]).toBe('function');
      expect(root[name]).toBe(utils[name]);
    }
  });

  test('the new helpers are only in provider-utils', () => {
    for (const name of [
      'parseRateLimitHeaders',
      'registerHeaderSecrets',
      'requestIdFromHeaders',
      'formatProviderErrorMessage',
      'buildProviderBody',
      'prepareProviderCall',
      'redactCause',
    ] as const) {
      expect(typeof utils[name]).toBe('function');
      expect(name in root).toBe(false);
    }
  });
});
