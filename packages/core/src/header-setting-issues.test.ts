import { describe, expect, test } from 'vitest';
import { headerSettingIssues } from './header-setting-issues.js';

describe('headerSettingIssues', () => {
  test('accepts keys and header values fetch can send (tabs, spaces, Latin-1)', () => {
    expect(
      headerSettingIssues('sk-abc 123\t', { 'x-team': 'Zoë', Authorization: 'Bearer k' }),
    ).toEqual([]);
    expect(headerSettingIssues(undefined, undefined)).toEqual([]);
  });

  test('names each bad setting, never its value', () => {
    const key = 'sk-secret-with-a-newline\n';
    const issues = headerSettingIssues(key, {
      'x-ok': 'fine',
      'x-team': 'a\r\nb',
      'x-quote': 'it’s',
      'bad name': 'v',
      'x-number': 7 as unknown as string,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'apiKey',
      'headers.x-team',
      'headers.x-quote',
      'headers.bad name',
      'headers.x-number',
    ]);
    expect(issues[4]?.message).toBe('must be a string');
    expect(JSON.stringify(issues)).not.toContain('sk-secret');
    expect(JSON.stringify(issues)).not.toContain('a\\r\\nb');
  });
});
