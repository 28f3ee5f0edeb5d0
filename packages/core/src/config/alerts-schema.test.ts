import { describe, expect, test } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import {
  compareAlertValues,
  evaluateAlertExpression,
  parseAlertCondition,
  parseDuration,
} from './alert-condition.js';
import { AlertRuleSchema, defaultAlertRules } from './alerts-schema.js';
import { parseConfig } from './parse-config.js';

const providers = { openai: { apiKey: 'sk-test-aaaaaaaaaaaaaaaa' } };

function configError(input: unknown): ConfigError {
  try {
    parseConfig(input);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDuration', () => {
  test.each([
    ['5m', 300_000],
    ['30s', 30_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    ['250', 250],
    [1234, 1234],
  ])('%s → %d ms', (input, ms) => expect(parseDuration(input)).toBe(ms));

  test.each(['5 minutes', '', 'm5', '-1s', -5, Number.NaN])('%s does not parse', (input) =>
    expect(parseDuration(input)).toBeUndefined(),
  );
});

describe('parseAlertCondition', () => {
  test('each default rule parses', () => {
    for (const rule of defaultAlertRules)
      expect(typeof parseAlertCondition(rule.condition)).toBe('object');
  });

  test('a number with a unit is in ms, a product on the right side', () => {
    expect(parseAlertCondition('avg_response_time > 10s')).toEqual({
      left: { metrics: ['avg_response_time'], factor: 1 },
      operator: '>',
      right: { metrics: [], factor: 10_000 },
    });
    expect(parseAlertCondition('daily_cost >= daily_limit * 0.8')).toEqual({
      left: { metrics: ['daily_cost'], factor: 1 },
      operator: '>=',
      right: { metrics: ['daily_limit'], factor: 0.8 },
    });
  });

  test.each([
    ['error_rate 0.05', /no comparison/],
    ['erorr_rate > 0.05', /unknown metric "erorr_rate"/],
    ['error_rate > fast', /unknown metric "fast"/],
    ['error_rate > ', /empty/],
    ['1 > 2', /compares two numbers/],
    ['p95_latency_ms > 2x', /not a number/],
  ])('%s is refused', (condition, message) => {
    const result = parseAlertCondition(condition);
    expect(typeof result).toBe('string');
    expect(result).toMatch(message);
  });

  test('evaluation: no data never holds', () => {
    const condition = parseAlertCondition('daily_cost > daily_limit * 0.8');
    if (typeof condition === 'string') throw new Error(condition);
    const values = { daily_cost: 9, daily_limit: 10 } as Record<string, number | undefined>;
    const read = (m: string) => values[m];
    const left = evaluateAlertExpression(condition.left, read);
    const right = evaluateAlertExpression(condition.right, read);
    expect(right).toBeCloseTo(8);
    expect(compareAlertValues(left, condition.operator, right)).toBe(true);
    values.daily_limit = undefined;
    expect(evaluateAlertExpression(condition.right, read)).toBeUndefined();
    expect(compareAlertValues(9, '>', undefined)).toBe(false);
  });
});

describe('config: alerts, defaultAlerts, alertIntervalMs', () => {
  test('defaults: no rules, defaults on, 15 s', () => {
    const config = parseConfig({ providers });
    expect(config.alerts).toBeUndefined();
    expect(config.defaultAlerts).toBe(true);
    expect(config.alertIntervalMs).toBe(15_000);
  });

  test('a rule is parsed with its duration and defaults', () => {
    const config = parseConfig({
      providers,
      defaultAlerts: false,
      alertIntervalMs: 5_000,
      alerts: [{ name: 'slow', condition: 'p95_latency_ms > 2000', for: '2m', provider: 'openai' }],
    });
    expect(config.defaultAlerts).toBe(false);
    expect(config.alertIntervalMs).toBe(5_000);
    expect(config.alerts?.[0]).toMatchObject({
      name: 'slow',
      forMs: 120_000,
      severity: 'warning',
      provider: 'openai',
      scope: 'provider',
      parsed: { operator: '>', right: { factor: 2000 } },
    });
  });

  test('a condition that does not parse names the rule and its path', () => {
    const error = configError({
      providers,
      alerts: [
        { name: 'ok', condition: 'error_rate > 0.1' },
        { name: 'typo_rule', condition: 'p95_latncy > 2000', for: '2m' },
      ],
    });
    const issue = error.issues.find((i) => i.path === 'alerts.1.condition');
    expect(issue?.message).toContain('alert rule "typo_rule"');
    expect(issue?.message).toContain('unknown metric "p95_latncy"');
  });

  test('a bad duration, a bad severity, a duplicate name and a bad interval are reported', () => {
    const error = configError({
      providers,
      alertIntervalMs: 0,
      alerts: [
        { name: 'a', condition: 'error_rate > 0.1', for: '5 minutes' },
        { name: 'b', condition: 'error_rate > 0.1', severity: 'fatal' },
      ],
    });
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('alertIntervalMs');
    expect(paths).toContain('alerts.1.severity');
    const dup = configError({
      providers,
      alerts: [
        { name: 'a', condition: 'error_rate > 0.1' },
        { name: 'a', condition: 'error_rate > 0.2' },
      ],
    });
    expect(dup.issues.find((i) => i.path === 'alerts.1.name')?.message).toContain('defined twice');
  });

  test('a bad duration names the rule', () => {
    const result = AlertRuleSchema.safeParse({
      name: 'a',
      condition: 'error_rate > 0.1',
      for: '5 minutes',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['for'] });
    expect(result.error?.issues[0]?.message).toContain('alert rule "a"');
  });
});
