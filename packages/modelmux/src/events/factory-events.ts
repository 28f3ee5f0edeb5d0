import type { ErrorKind, Usage } from '@modelmux/core';
import type {
  AttemptEvent,
  CoolDownEvent,
  FailureEvent,
  FallbackEvent,
  RetryAttemptEvent,
  SuccessEvent,
} from '@modelmux/resilience';

/** A provider's breaker changed state. */
export interface BreakerEvent {
  provider: string;
  state: 'open' | 'half-open' | 'closed';
  /** When `open`: ms until a probe is let through. */
  resetTimeoutMs?: number;
  /** When `open`: the failure kind that opened it. */
  kind?: ErrorKind;
}

/** An alert rule fired or resolved (from `@modelmux/metrics`). */
export interface AlertEvent {
  name: string;
  severity: string;
  state: 'firing' | 'resolved';
  provider?: string;
  value: number;
  since: number;
}

/**
 * A call that did not succeed was charged: it was cut after it was sent (aborted, timed out,
 * connection cut, a lost hedge, a stream the consumer stopped). The amount is what budgets and
 * metrics booked: an estimate from the input and the text received.
 */
export interface ChargeEvent {
  requestId: string;
  provider: string;
  model: string;
  costUsd: number;
  usage: Usage;
  usageEstimated: true;
}

/** The events `factory.on()` delivers, by name. */
export interface FactoryEvents {
  attempt: AttemptEvent;
  retry: RetryAttemptEvent;
  fallback: FallbackEvent;
  success: SuccessEvent;
  failure: FailureEvent;
  breaker: BreakerEvent;
  'cool-down': CoolDownEvent;
  alert: AlertEvent;
  charge: ChargeEvent;
}

/** An event name of `factory.on()`. */
export type FactoryEventName = keyof FactoryEvents;

/** The event names, for validation and docs. */
export const factoryEventNames: readonly FactoryEventName[] = [
  'attempt',
  'retry',
  'fallback',
  'success',
  'failure',
  'breaker',
  'cool-down',
  'alert',
  'charge',
];

type Listener<E extends FactoryEventName> = (event: FactoryEvents[E]) => void;

/** A small typed emitter: listeners per event, errors in listeners ignored. */
export class FactoryEmitter {
  private readonly listeners = new Map<FactoryEventName, Set<Listener<FactoryEventName>>>();

  on<E extends FactoryEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<FactoryEventName>);
    return () => {
      set.delete(listener as Listener<FactoryEventName>);
    };
  }

  /** True when someone listens (payloads are built only then). */
  has(event: FactoryEventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends FactoryEventName>(event: E, payload: FactoryEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(payload);
      } catch {
        // A listener never breaks a request.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
