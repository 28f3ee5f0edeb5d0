import type { RoutingStats } from '@modelmux/core';
import { createFallbackExecutor } from '@modelmux/resilience';
import { pino } from 'pino';
import { expectTypeOf, test } from 'vitest';
import {
  type Alert,
  type Metrics,
  type MetricsExecutor,
  type MetricsLogger,
  type ProviderHealthCheck,
  type ProviderMetrics,
  createMetrics,
} from './index.js';

test('the executor, a pino logger and the router contract fit', () => {
  expectTypeOf(createFallbackExecutor()).toMatchTypeOf<MetricsExecutor>();
  expectTypeOf(pino()).toMatchTypeOf<MetricsLogger>();
  expectTypeOf<Metrics>().toMatchTypeOf<RoutingStats>();
});

test('the public shapes', () => {
  const metrics = createMetrics();
  expectTypeOf(metrics.getProviderMetrics()).toEqualTypeOf<ProviderMetrics>();
  expectTypeOf(metrics.getProviderMetrics().byProvider.x?.ttftP50Ms).toEqualTypeOf<
    number | undefined
  >();
  expectTypeOf(metrics.healthCheck()).resolves.toEqualTypeOf<Record<string, ProviderHealthCheck>>();
  expectTypeOf<Alert['state']>().toEqualTypeOf<'firing' | 'resolved'>();
  expectTypeOf(metrics.attach).returns.toEqualTypeOf<() => void>();
});
