import type { FallbackExecutor } from '@modelmux/resilience';

/**
 * Why a provider will not be called now (breaker open, cooling down after a rate limit), kept
 * from the executor's events for the router's `availability` constraint: O(1) reads, no
 * allocation, so the plan shows the reason instead of the executor skipping it silently.
 */
export class AvailabilityTracker {
  private readonly breakerOpenUntil = new Map<string, number>();
  private readonly coolDownUntil = new Map<string, { until: number; kind: string }>();
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(
    executor: FallbackExecutor,
    private readonly now: () => number,
  ) {
    this.subscriptions.push(
      executor.onBreak((e) => this.breakerOpenUntil.set(e.provider, this.now() + e.resetTimeoutMs)),
      // Half-open: one probe may pass; the executor decides who gets it.
      executor.onHalfOpen((e) => this.breakerOpenUntil.delete(e.provider)),
      executor.onReset((e) => this.breakerOpenUntil.delete(e.provider)),
      executor.onCoolDown((e) =>
        this.coolDownUntil.set(e.provider, { until: e.until, kind: e.kind }),
      ),
    );
  }

  /** The reason `provider` is not usable now, or undefined. */
  reason = (provider: string): string | undefined => {
    const now = this.now();
    const open = this.breakerOpenUntil.get(provider);
    if (open !== undefined && open > now)
      return `circuit breaker open until ${new Date(open).toISOString()}`;
    const cool = this.coolDownUntil.get(provider);
    if (cool !== undefined) {
      if (cool.until > now)
        return `cooling down after ${cool.kind} until ${new Date(cool.until).toISOString()}`;
      this.coolDownUntil.delete(provider);
    }
    return undefined;
  };

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
