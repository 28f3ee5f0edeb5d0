import type { Metrics } from '@modelmux/metrics';
import type { FallbackExecutor } from '@modelmux/resilience';
import type { FactoryEmitter, FactoryEventName, FactoryEvents } from './factory-events.js';

/**
 * Subscribes to the executor (or metrics) event behind one factory event and re-emits it;
 * returns the unsubscribe function. Called on the first listener of each event, so the
 * executor builds no payload nobody reads.
 */
export function forwardEvent(
  event: FactoryEventName,
  executor: FallbackExecutor,
  metrics: Metrics,
  emitter: FactoryEmitter,
): () => void {
  const emit =
    <E extends FactoryEventName>(name: E) =>
    (payload: FactoryEvents[E]) =>
      emitter.emit(name, payload);
  const subscriptions: { dispose(): void }[] = [];
  switch (event) {
    case 'attempt':
      subscriptions.push(executor.onAttempt(emit('attempt')));
      break;
    case 'retry':
      subscriptions.push(executor.onRetry(emit('retry')));
      break;
    case 'fallback':
      subscriptions.push(executor.onFallback(emit('fallback')));
      break;
    case 'success':
      subscriptions.push(executor.onSuccess(emit('success')));
      break;
    case 'failure':
      subscriptions.push(executor.onFailure(emit('failure')));
      break;
    case 'cool-down':
      subscriptions.push(executor.onCoolDown(emit('cool-down')));
      break;
    case 'breaker':
      subscriptions.push(
        executor.onBreak((e) =>
          emitter.emit('breaker', {
            provider: e.provider,
            state: 'open',
            resetTimeoutMs: e.resetTimeoutMs,
            ...(e.kind !== undefined && { kind: e.kind }),
          }),
        ),
        executor.onHalfOpen((e) =>
          emitter.emit('breaker', { provider: e.provider, state: 'half-open' }),
        ),
        executor.onReset((e) => emitter.emit('breaker', { provider: e.provider, state: 'closed' })),
      );
      break;
    case 'charge':
      break; // emitted by the request pipeline itself
    case 'alert':
      subscriptions.push({ dispose: metrics.onAlert((alert) => emitter.emit('alert', alert)) });
      break;
  }
  return () => {
    for (const subscription of subscriptions) subscription.dispose();
  };
}
