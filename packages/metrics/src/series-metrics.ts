// Reading one `Series` as the public figures (`getProviderMetrics()`) and as the alert
// metrics rules refer to by name.
import type { AlertMetricName } from '@modelmux/core';
import type { LatencyFigures, MetricsFigures } from './metrics-types.js';
import type { Series } from './series.js';

/** `part / whole`, 0 when `whole` is 0. */
export function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** A series' totals since start and its latency over the window and since start. */
export function seriesFigures(series: Series, now: number): MetricsFigures {
  const finished = series.successes + series.errors;
  const window: LatencyFigures = {
    avgLatencyMs: series.latency.windowMean(now),
    p50LatencyMs: series.latency.windowPercentile(50, now),
    p95LatencyMs: series.latency.windowPercentile(95, now),
    p99LatencyMs: series.latency.windowPercentile(99, now),
  };
  return {
    totalRequests: series.requests,
    successRate: ratio(series.successes, finished),
    errorRate: ratio(series.errors, finished),
    ...window,
    totalCostUsd: series.costUsd,
    tokens: {
      input: series.inputTokens,
      output: series.outputTokens,
      cached: series.cachedTokens,
    },
    sinceStart: {
      avgLatencyMs: series.latency.mean,
      p50LatencyMs: series.latency.percentile(50),
      p95LatencyMs: series.latency.percentile(95),
      p99LatencyMs: series.latency.percentile(99),
    },
  };
}

/**
 * An alert metric read from a series (`undefined`: no data). `daily_limit` and `breaker_state`
 * are not series metrics; the caller reads them.
 */
export function seriesAlertMetric(
  series: Series,
  metric: Exclude<AlertMetricName, 'daily_limit' | 'breaker_state'>,
  now: number,
): number | undefined {
  switch (metric) {
    case 'daily_cost':
      return series.dailyCostAt(now);
    case 'error_rate': {
      const rate = series.windowSuccessRate(now);
      return rate === undefined ? undefined : 1 - rate;
    }
    case 'success_rate':
      return series.windowSuccessRate(now);
    case 'avg_response_time':
    case 'avg_latency_ms':
      return series.latency.windowMean(now);
    case 'p50_latency_ms':
      return series.latency.windowPercentile(50, now);
    case 'p95_latency_ms':
      return series.latency.windowPercentile(95, now);
    case 'p99_latency_ms':
      return series.latency.windowPercentile(99, now);
    case 'ttft_p50_ms':
      return series.ttft?.windowPercentile(50, now);
    case 'requests':
      return series.windowSuccesses.sum(now) + series.windowErrors.sum(now);
    case 'errors':
      return series.windowErrors.sum(now);
    case 'in_flight':
      return series.inFlight;
    case 'fallbacks':
      return series.windowFallbacks.sum(now);
    case 'avg_quality':
      return series.avgQuality;
  }
}
