import type { HandlerRecord } from '../handler-contract.js';

/** One row of the live request list: what a person checks, never the prompt or the key. */
export interface RecentRequest {
  at: number;
  requestId: string;
  endpoint: HandlerRecord['endpoint'];
  model: string;
  provider?: string;
  providerModel?: string;
  status: number;
  latencyMs: number;
  ttftMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  fallback: boolean;
  cached: boolean;
  errorKind?: string;
  /** The virtual key's name (not the key). */
  keyName?: string;
}

/** The numbers the dashboard draws, computed once per tick. */
export interface StatsSnapshot {
  at: number;
  /** Requests per second over the last 10 s. */
  rps: number;
  latency: { p50: number; p95: number; p99: number };
  ttft: { p50: number; p95: number; p99: number };
  total: number;
  errors: number;
  errorRate: number;
  errorsByKind: Record<string, number>;
  fallbacks: number;
  cacheHits: number;
  cacheHitRate: number;
  byProvider: Record<string, number>;
  byStrategy: Record<string, number>;
  /** Requests per second, one point per second, oldest first (60 points). */
  rpsSeries: { t: number; rps: number; errors: number }[];
  recent: RecentRequest[];
}

const window = 60;
const samplesMax = 2_000;
const recentMax = 50;
const labelsMax = 50;

function quantiles(values: number[]): { p50: number; p95: number; p99: number } {
  if (!values.length) return { p50: 0, p95: 0, p99: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function bump(map: Record<string, number>, key: string): void {
  if (map[key] === undefined && Object.keys(map).length >= labelsMax) key = 'other';
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Rolling statistics of finished requests for the dashboard: O(1) per request (ring buffers
 * and counters of bounded size); percentiles are computed per snapshot from the last 2 000
 * samples.
 */
export class LiveStats {
  private readonly perSecond = new Array<{ t: number; n: number; e: number }>(window);
  private readonly latencies: number[] = [];
  private readonly ttfts: number[] = [];
  private latencyAt = 0;
  private ttftAt = 0;
  private readonly recent: RecentRequest[] = [];
  private total = 0;
  private errors = 0;
  private fallbacks = 0;
  private cacheHits = 0;
  private readonly errorsByKind: Record<string, number> = {};
  private readonly byProvider: Record<string, number> = {};
  private readonly byStrategy: Record<string, number> = {};

  constructor(private readonly now: () => number = Date.now) {}

  record(record: HandlerRecord, keyName?: string): void {
    const at = this.now();
    const second = Math.floor(at / 1000);
    const slot = second % window;
    const bucket = this.perSecond[slot];
    const failed = record.status >= 400;
    if (bucket && bucket.t === second) {
      bucket.n++;
      if (failed) bucket.e++;
    } else this.perSecond[slot] = { t: second, n: 1, e: failed ? 1 : 0 };
    this.total++;
    if (failed) {
      this.errors++;
      bump(this.errorsByKind, record.errorKind ?? String(record.status));
    }
    if (record.fallback) this.fallbacks++;
    if (record.cached) this.cacheHits++;
    if (record.provider) bump(this.byProvider, record.provider);
    if (record.strategy) bump(this.byStrategy, record.strategy);
    if (record.endpoint !== 'models') {
      this.latencies[this.latencyAt++ % samplesMax] = record.latencyMs;
      if (record.ttftMs !== undefined) this.ttfts[this.ttftAt++ % samplesMax] = record.ttftMs;
    }
    const row: RecentRequest = {
      at,
      requestId: record.requestId,
      endpoint: record.endpoint,
      model: record.model,
      status: record.status,
      latencyMs: record.latencyMs,
      fallback: record.fallback,
      cached: record.cached ?? false,
    };
    if (record.provider !== undefined) row.provider = record.provider;
    if (record.providerModel !== undefined) row.providerModel = record.providerModel;
    if (record.ttftMs !== undefined) row.ttftMs = record.ttftMs;
    if (record.usage) {
      row.inputTokens = record.usage.inputTokens;
      row.outputTokens = record.usage.outputTokens;
    }
    if (record.costUsd !== undefined) row.costUsd = record.costUsd;
    if (record.errorKind !== undefined) row.errorKind = record.errorKind;
    if (keyName !== undefined) row.keyName = keyName;
    this.recent.unshift(row);
    if (this.recent.length > recentMax) this.recent.pop();
  }

  snapshot(): StatsSnapshot {
    const at = this.now();
    const second = Math.floor(at / 1000);
    const series: StatsSnapshot['rpsSeries'] = [];
    for (let t = second - window + 1; t <= second; t++) {
      const bucket = this.perSecond[t % window];
      series.push({
        t,
        rps: bucket?.t === t ? bucket.n : 0,
        errors: bucket?.t === t ? bucket.e : 0,
      });
    }
    const last10 = series.slice(-11, -1).reduce((sum, p) => sum + p.rps, 0);
    return {
      at,
      rps: last10 / 10,
      latency: quantiles(this.latencies),
      ttft: quantiles(this.ttfts),
      total: this.total,
      errors: this.errors,
      errorRate: this.total ? this.errors / this.total : 0,
      errorsByKind: { ...this.errorsByKind },
      fallbacks: this.fallbacks,
      cacheHits: this.cacheHits,
      cacheHitRate: this.total ? this.cacheHits / this.total : 0,
      byProvider: { ...this.byProvider },
      byStrategy: { ...this.byStrategy },
      rpsSeries: series,
      recent: [...this.recent],
    };
  }
}
