import { z } from 'zod';
import { type AlertCondition, parseAlertCondition, parseDuration } from './alert-condition.js';
import { expected, positiveIntSchema } from './schema-helpers.js';

/** How bad a firing alert is. */
export const alertSeverities = ['info', 'warning', 'critical'] as const;

/** One of `info`, `warning`, `critical`. */
export type AlertSeverity = (typeof alertSeverities)[number];

/** An alert rule as a user writes it (in config or `createMetrics({ alerts })`). */
export interface AlertRuleInput {
  /** Unique name, used in alerts and the `modelmux_alerts_firing{rule}` label. */
  name: string;
  /** `metric op value`, e.g. `'p95_latency_ms > 2000'` or `'daily_cost > daily_limit * 0.8'`. */
  condition: string;
  /** How long the condition must hold before the alert fires: `'5m'`, `'30s'`, `'500ms'` or ms (default 0). */
  for?: string | number;
  /** Default `warning`. */
  severity?: AlertSeverity;
  /** Only this provider; otherwise the rule is evaluated for every provider (or the total). */
  provider?: string;
  /** `provider` (default): one alert per provider; `total`: one alert over every provider. */
  scope?: 'provider' | 'total';
}

/** A validated rule: the condition parsed, the duration in ms, defaults filled. */
export interface AlertRule {
  name: string;
  condition: string;
  parsed: AlertCondition;
  forMs: number;
  severity: AlertSeverity;
  provider: string | undefined;
  scope: 'provider' | 'total';
}

/**
 * The user's design's four rules, added unless `defaultAlerts: false`: `high_error_rate`,
 * `cost_limit_exceeded` (over the total daily cost), `provider_down`, `high_latency`.
 */
export const defaultAlertRules: readonly AlertRuleInput[] = [
  { name: 'high_error_rate', condition: 'error_rate > 0.05', for: '5m', severity: 'warning' },
  {
    name: 'cost_limit_exceeded',
    condition: 'daily_cost > daily_limit * 0.8',
    for: '1m',
    severity: 'critical',
    scope: 'total',
  },
  { name: 'provider_down', condition: 'success_rate == 0', for: '2m', severity: 'critical' },
  { name: 'high_latency', condition: 'avg_response_time > 10s', for: '5m', severity: 'warning' },
];

const durationSchema = z.union([z.string(), z.number()], {
  error: expected("a duration such as '5m', '30s', '500ms' or a number of ms"),
});

/** One alert rule; a condition or duration that does not parse is reported with the rule's name. */
export const AlertRuleSchema = z
  .strictObject(
    {
      name: z
        .string({ error: expected("a rule name such as 'high_error_rate'", { showText: true }) })
        .min(1),
      condition: z.string({
        error: expected("a condition such as 'error_rate > 0.05'", { showText: true }),
      }),
      for: durationSchema.optional(),
      severity: z
        .enum(alertSeverities, {
          error: expected("'info', 'warning' or 'critical'", { showText: true }),
        })
        .optional(),
      provider: z
        .string({ error: expected('a provider name') })
        .min(1)
        .optional(),
      scope: z.enum(['provider', 'total'], { error: expected("'provider' or 'total'") }).optional(),
    },
    {
      error: expected(
        "an alert rule { name, condition, for?, severity?, provider? }, e.g. { name: 'slow', condition: 'p95_latency_ms > 2000', for: '2m' }",
      ),
    },
  )
  .transform((rule, ctx): AlertRule => {
    const parsed = parseAlertCondition(rule.condition);
    if (typeof parsed === 'string')
      ctx.addIssue({
        code: 'custom',
        path: ['condition'],
        message: `alert rule "${rule.name}": ${parsed}`,
      });
    const forMs = rule.for === undefined ? 0 : parseDuration(rule.for);
    if (forMs === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['for'],
        message: `alert rule "${rule.name}": expected a duration such as '5m', '30s', '500ms' or a number of ms; received ${JSON.stringify(rule.for)}`,
      });
    return {
      name: rule.name,
      condition: rule.condition,
      parsed: parsed as AlertCondition,
      forMs: forMs ?? 0,
      severity: rule.severity ?? 'warning',
      provider: rule.provider,
      scope: rule.scope ?? 'provider',
    };
  });

/** The config's `alerts`: a list of rules with unique names. */
export const AlertRulesSchema = z
  .array(AlertRuleSchema, { error: expected('a list of alert rules') })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.name))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `alert rule "${rule.name}" is defined twice; give each rule its own name`,
        });
      seen.add(rule.name);
    });
  });

/** The config's `defaultAlerts` (default true). */
export const DefaultAlertsSchema = z.boolean({ error: expected('true or false') });

/** The config's `alertIntervalMs` (default 15 000). */
export const AlertIntervalSchema = positiveIntSchema('milliseconds', '15000');

/** The default `alertIntervalMs`. */
export const defaultAlertIntervalMs = 15_000;
