import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HandlerRecord } from '../handler-contract.js';

/** Why the gateway itself refused a request (a bounded label set). */
export type RefusalReason =
  | 'auth'
  | 'body_too_large'
  | 'too_many_messages'
  | 'budget'
  | 'rate_limit'
  | 'concurrency'
  | 'shutting_down'
  | 'timeout'
  | 'store';

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * The gateway's own Prometheus series, appended to the factory's on `/metrics`. Labels are
 * bounded: endpoint, status class, provider names from the config (anything else is `other`),
 * refusal reason. Never a key, a key name or a prompt.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'endpoint' | 'status' | 'provider'>;
  private readonly duration: Histogram<'endpoint'>;
  private readonly overhead: Histogram;
  private readonly refusals: Counter<'reason'>;
  readonly inFlight: Gauge;
  private providers = new Set<string>();

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'modelmux_gateway_requests_total',
      help: 'Requests the gateway answered, by endpoint, status class and provider',
      labelNames: ['endpoint', 'status', 'provider'],
      registers,
    });
    this.duration = new Histogram({
      name: 'modelmux_gateway_request_duration_seconds',
      help: 'Wall time of routed requests (to the end of the stream)',
      labelNames: ['endpoint'],
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.overhead = new Histogram({
      name: 'modelmux_gateway_overhead_seconds',
      help: 'Time spent in the gateway and the handler, not waiting on a provider',
      buckets: [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
      registers,
    });
    this.refusals = new Counter({
      name: 'modelmux_gateway_refusals_total',
      help: "Requests the gateway refused itself (never a provider's failure)",
      labelNames: ['reason'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'modelmux_gateway_in_flight_requests',
      help: 'Requests in flight',
      registers,
    });
  }

  /** The provider names that may appear as labels (the config's). */
  setProviders(names: readonly string[]): void {
    this.providers = new Set(names);
  }

  record(record: HandlerRecord): void {
    const provider =
      record.provider === undefined
        ? 'none'
        : this.providers.has(record.provider)
          ? record.provider
          : 'other';
    this.requests.inc({ endpoint: record.endpoint, status: statusClass(record.status), provider });
    if (record.endpoint !== 'models')
      this.duration.observe({ endpoint: record.endpoint }, record.latencyMs / 1000);
    if (record.overheadMs !== undefined) this.overhead.observe(record.overheadMs / 1000);
  }

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
