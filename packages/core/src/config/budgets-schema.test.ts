import { describe, expect, test } from 'vitest';
import { parseConfigIssues } from '../__fixtures__/config-errors.js';
import { parseConfig } from './parse-config.js';

const providers = { openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' } };
const issuesOf = (input: Record<string, unknown>) => parseConfigIssues({ providers, ...input });

describe('budget config keys', () => {
  test('store, costLimitPerUser, costLimitPerTag and rateLimits parse to their normal form', () => {
    const config = parseConfig({
      providers,
      store: { type: 'redis', url: 'redis://127.0.0.1:6390', prefix: 'app:', onError: 'fail-open' },
      costLimitPerUser: 2,
      costLimitPerTag: { batch: { monthly: 30 }, chat: 1 },
      rateLimits: { openai: { rpm: 500, tpm: 200_000, maxWaitMs: 1000 } },
    });
    expect(config.store).toEqual({
      type: 'redis',
      url: 'redis://127.0.0.1:6390',
      prefix: 'app:',
      onError: 'fail-open',
    });
    expect(config.costLimitPerUser).toEqual({ daily: 2 });
    expect(config.costLimitPerTag).toEqual({ batch: { monthly: 30 }, chat: { daily: 1 } });
    expect(config.rateLimits).toEqual({ openai: { rpm: 500, tpm: 200_000, maxWaitMs: 1000 } });
    expect(parseConfig({ providers, store: { type: 'memory' } }).store).toEqual({
      type: 'memory',
    });
  });

  test.each([
    [{ store: { type: 'sqlite' } }, 'store.type', /\{ type: 'memory' \} or \{ type: 'redis'/],
    [{ store: { type: 'redis' } }, 'store.url', /required: expected a Redis URL/],
    [{ store: { type: 'redis', url: 'http://x' } }, 'store.url', /starting with 'redis:\/\/'/],
    [
      { store: { type: 'redis', url: 'redis://h', onError: 'ignore' } },
      'store.onError',
      /'fail-closed' \(the default\) or 'fail-open'/,
    ],
    [{ costLimitPerUser: -1 }, 'costLimitPerUser', /USD ≥ 0.*received -1/],
    [{ costLimitPerUser: 'x' }, 'costLimitPerUser', /USD as a number \(daily\)/],
    [{ costLimitPerUser: { daily: -1 } }, 'costLimitPerUser.daily', /USD ≥ 0/],
    [{ costLimitPerTag: { batch: 'x' } }, 'costLimitPerTag.batch', /USD as a number/],
    [{ rateLimits: { openai: { rpm: 1.5 } } }, 'rateLimits.openai.rpm', /requests per minute/],
    [{ rateLimits: { openai: {} } }, 'rateLimits.openai', /set rpm, tpm or both/],
    [{ rateLimits: { openai: { rps: 3 } } }, 'rateLimits.openai.rps', /.+/],
  ])('%j → %s', (input, path, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  test('a Redis password in store.url is never echoed', () => {
    const issues = issuesOf({ store: { type: 'redis', url: 42 } });
    expect(issues.find((i) => i.path === 'store.url')?.message).toMatch(/received 42/);
    const secret = 'rediss://:hunter2-secret@h:1';
    const bad = issuesOf({ store: { type: 'redis', url: secret, prefix: 7 } });
    expect(JSON.stringify(bad)).not.toContain('hunter2');
  });
});
