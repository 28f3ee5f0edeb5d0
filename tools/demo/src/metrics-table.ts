import type { ProviderFactory } from 'modelmux';
import { usd } from './request-line.js';

const percent = (rate: number) => `${(rate * 100).toFixed(0)}%`;
const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)} ms`);

/**
 * `factory.getProviderMetrics()` as a table: one row per provider (calls, success rate, p50 and
 * p95 latency, tokens, cost, fallbacks away from it, errors by kind) and a total row.
 */
export function formatMetricsTable(
  metrics: ReturnType<ProviderFactory['getProviderMetrics']>,
): string {
  const header = [
    'provider',
    'calls',
    'success',
    'p50',
    'p95',
    'tokens in/out',
    'cost',
    'fallbacks',
    'errors',
  ];
  const rows = Object.entries(metrics.byProvider).map(([name, m]) => [
    name,
    String(m.totalRequests),
    percent(m.successRate),
    ms(m.p50LatencyMs),
    ms(m.p95LatencyMs),
    `${m.tokens.input}/${m.tokens.output}`,
    usd(m.totalCostUsd),
    String(m.fallbacks),
    Object.entries(m.errorsByKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ') || '-',
  ]);
  rows.push([
    'total',
    String(metrics.totalRequests),
    percent(metrics.successRate),
    ms(metrics.p50LatencyMs),
    ms(metrics.p95LatencyMs),
    `${metrics.tokens.input}/${metrics.tokens.output}`,
    usd(metrics.totalCostUsd),
    '',
    '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
