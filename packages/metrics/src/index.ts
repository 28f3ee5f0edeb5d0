// @modelmux/metrics: per-provider metrics, health, alerts, Prometheus, OpenTelemetry and logs.
export { Metrics, createMetrics } from './create-metrics.js';
export type {
  MetricsOptions,
  MetricsLogger,
  MetricsExecutor,
  SkippedCandidate,
  LatencyFigures,
  MetricsFigures,
  ProviderMetrics,
  ProviderMetricsEntry,
  ProviderSummary,
  ProviderHealthState,
  ProviderStatusReport,
  ProviderStatusEntry,
  UnavailableReason,
} from './metrics-types.js';
export type { Alert } from './alerts.js';
export type { ProviderHealthCheck } from './health-check.js';
export type { OpenTelemetryOptions } from './open-telemetry.js';
export { durationBucketsSeconds, tokenBuckets, genAiProviderName } from './gen-ai.js';
export { SlidingHistogram } from './sliding-histogram.js';
