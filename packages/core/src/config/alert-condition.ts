/**
 * The metric names an alert condition may use. Rates are 0–1, times are ms, costs USD. Each is
 * read per provider (or over every provider for a rule with `scope: 'total'`) over the sliding
 * window, except `daily_cost` (since 00:00 UTC) and `daily_limit` (the configured daily budget).
 */
export const alertMetricNames = [
  'error_rate',
  'success_rate',
  'avg_response_time',
  'avg_latency_ms',
  'p50_latency_ms',
  'p95_latency_ms',
  'p99_latency_ms',
  'ttft_p50_ms',
  'requests',
  'errors',
  'in_flight',
  'fallbacks',
  'avg_quality',
  'breaker_state',
  'daily_cost',
  'daily_limit',
] as const;

/** One metric name an alert condition can read. */
export type AlertMetricName = (typeof alertMetricNames)[number];

/** A comparison operator of a condition. */
export type AlertOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** One side of a condition: a product of metrics and numbers (`daily_limit * 0.8`). */
export interface AlertExpression {
  /** The metrics multiplied together (usually zero or one). */
  metrics: readonly AlertMetricName[];
  /** The constant factor (numbers with their unit, in ms for durations). */
  factor: number;
}

/** A parsed condition `left op right`. */
export interface AlertCondition {
  left: AlertExpression;
  operator: AlertOperator;
  right: AlertExpression;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration: milliseconds as a number, or a string such as `'500ms'`, `'30s'`, `'5m'`,
 * `'1h'` (or a bare number of ms as text). Undefined when it does not parse or is negative.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * durationUnits[match[2] ?? 'ms'];
}

const operators: readonly AlertOperator[] = ['>=', '<=', '==', '!=', '>', '<'];

function parseOperand(text: string, metrics: AlertMetricName[]): number | string {
  const token = text.trim();
  if ((alertMetricNames as readonly string[]).includes(token)) {
    metrics.push(token as AlertMetricName);
    return 1;
  }
  if (/^\d/.test(token)) {
    const value = parseDuration(token);
    if (value !== undefined) return value;
    return `"${token}" is not a number (write 0.05, 2000, 500ms, 30s or 5m)`;
  }
  return `unknown metric "${token}" (known: ${alertMetricNames.join(', ')})`;
}

function parseExpression(text: string): AlertExpression | string {
  if (text.trim() === '') return 'a side of the comparison is empty';
  const metrics: AlertMetricName[] = [];
  let factor = 1;
  for (const part of text.split('*')) {
    const value = parseOperand(part, metrics);
    if (typeof value === 'string') return value;
    factor *= value;
  }
  return { metrics, factor };
}

/**
 * Parses an alert condition `metric op value`, where each side is a metric, a number (with an
 * optional duration unit: `10s` is 10 000 ms) or a product of them (`daily_limit * 0.8`), and op
 * is one of `>`, `>=`, `<`, `<=`, `==`, `!=`. Returns the condition, or a message saying what is
 * wrong (the caller names the rule).
 *
 * @example
 * parseAlertCondition('p95_latency_ms > 2000'); // { left: { metrics: ['p95_latency_ms'], factor: 1 }, operator: '>', right: { metrics: [], factor: 2000 } }
 */
export function parseAlertCondition(condition: string): AlertCondition | string {
  const operator = operators.find((op) => condition.includes(op));
  if (!operator)
    return `"${condition}" has no comparison (write e.g. 'error_rate > 0.05' with >, >=, <, <=, == or !=)`;
  const at = condition.indexOf(operator);
  const left = parseExpression(condition.slice(0, at));
  if (typeof left === 'string') return left;
  const right = parseExpression(condition.slice(at + operator.length));
  if (typeof right === 'string') return right;
  if (left.metrics.length === 0 && right.metrics.length === 0)
    return `"${condition}" compares two numbers; name a metric (e.g. error_rate)`;
  return { left, operator, right };
}

/** The value of one side, or undefined when a metric it reads has no data. */
export function evaluateAlertExpression(
  expression: AlertExpression,
  read: (metric: AlertMetricName) => number | undefined,
): number | undefined {
  let value = expression.factor;
  for (const metric of expression.metrics) {
    const m = read(metric);
    if (m === undefined || Number.isNaN(m)) return undefined;
    value *= m;
  }
  return value;
}

/** Whether `left op right` holds (false when either side has no data). */
export function compareAlertValues(
  left: number | undefined,
  operator: AlertOperator,
  right: number | undefined,
): boolean {
  if (left === undefined || right === undefined) return false;
  switch (operator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}
