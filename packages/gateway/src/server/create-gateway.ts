import type { Store } from '@modelmux/core';
import { Hono } from 'hono';
import { pino, type Logger } from 'pino';
import type { GatewayConfig } from '../config/load-config.js';
import { uiRoutes } from '../dashboard/ui-routes.js';
import { LiveStats } from '../dashboard/live-stats.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { createRuntime, type Runtime, type RuntimeOptions, storeOf } from '../runtime.js';
import { adminRoutes } from './admin-routes.js';
import { masterKeyCheck, presentedKey } from './auth.js';
import { errorResponse } from './errors.js';
import { createModelRoute } from './model-route.js';

/** Settings of `createGateway()`. */
export interface GatewayOptions {
  config: GatewayConfig;
  /** The admin secret (`MODELMUX_MASTER_KEY`): the admin API, the dashboard, unlimited model calls. */
  masterKey: string;
  /** pino logger (default: one at `gateway.logLevel` on stdout). Keys and prompts are never logged. */
  logger?: Logger;
  runtime?: RuntimeOptions;
}

/** A gateway: a web-standard `fetch` plus reload and shutdown. Serve it with `serveGateway()`. */
export interface Gateway {
  /** Answers one request (the hono app's `fetch`). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The working parts of the current config. */
  runtime(): Runtime;
  readonly stats: LiveStats;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Swaps in a new config; throws (the old one is kept) when it is refused. */
  reload(config: GatewayConfig): Promise<void>;
  /** Refuses new requests, waits for in-flight ones up to `graceMs`, then aborts the rest. */
  drain(graceMs: number): Promise<{ finished: number; aborted: number }>;
  /** Closes the factory and the store. */
  close(): Promise<void>;
}

function sameStore(a: GatewayConfig, b: GatewayConfig): boolean {
  return JSON.stringify(a.modelmux.store ?? null) === JSON.stringify(b.modelmux.store ?? null);
}

/**
 * Builds the gateway around the shared OpenAI handler: model routes behind virtual keys,
 * `/admin`, `/ui`, `/llm/status`, `/health/live`, `/health/ready`, `/metrics`.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const logger = options.logger ?? pino({ level: options.config.gateway.logLevel });
  const onStoreError = (error: unknown) =>
    logger.warn({ err: { name: (error as Error).name } }, 'store error');
  let store: Store = storeOf(options.config, onStoreError);
  let current = createRuntime(options.config, store, options.runtime);
  const metrics = new GatewayMetrics();
  metrics.setProviders(current.factory.listProviders());
  const stats = new LiveStats();
  const inFlight = new Set<AbortController>();
  let draining = false;
  const isMaster = masterKeyCheck(options.masterKey);

  const app = new Hono();
  const modelRoute = createModelRoute({
    runtime: () => current,
    limits: () => current.config.gateway.limits,
    requireKey: () => current.config.gateway.requireKey,
    isMaster,
    metrics,
    onRecord: (record, key) => stats.record(record, key?.name),
    lifecycle: {
      draining: () => draining,
      track(abort) {
        inFlight.add(abort);
        return () => inFlight.delete(abort);
      },
    },
    logger,
  });
  app.all('/v1/*', (c) => modelRoute(c.req.raw));

  app.get('/health/live', (c) => c.json({ status: 'ok' }));
  const ready = () => {
    const providers = current.factory.getAvailability();
    const ok = !draining && Object.values(providers).some(Boolean);
    return { ok, body: { status: draining ? 'draining' : ok ? 'ok' : 'unavailable', providers } };
  };
  app.get('/health/ready', (c) => {
    const { ok, body } = ready();
    return c.json(body, ok ? 200 : 503);
  });
  app.get('/health', (c) => {
    const { ok, body } = ready();
    return c.json(body, ok ? 200 : 503);
  });
  app.get('/llm/status', (c) => c.json(current.factory.getProviderStatus()));
  app.get('/metrics', async () => {
    const [factory, own] = await Promise.all([
      current.factory.getPrometheusMetrics(),
      metrics.text(),
    ]);
    return new Response(`${factory.text}\n${own}`, {
      headers: { 'content-type': factory.contentType, 'cache-control': 'no-store' },
    });
  });

  app.use('/admin/*', async (c, next) => {
    if (!isMaster(presentedKey(c.req.raw.headers)))
      return errorResponse(
        'unauthorized',
        'the admin API needs Authorization: Bearer <master key>',
      );
    await next();
  });
  app.route(
    '/admin',
    adminRoutes(() => current),
  );
  app.route('/ui', uiRoutes({ runtime: () => current, stats, isMaster }));
  app.notFound(() =>
    errorResponse('not_found', 'no such route: see GET /v1/models, /ui, /health/ready'),
  );
  app.onError((error) => {
    logger.error({ err: { name: error.name } }, 'unhandled route error');
    return errorResponse('internal', 'the gateway could not serve this request');
  });

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    runtime: () => current,
    stats,
    metrics,
    logger,
    async reload(config) {
      const reuse = sameStore(current.config, config);
      const nextStore = reuse ? store : storeOf(config, onStoreError);
      let next: Runtime;
      try {
        next = createRuntime(config, nextStore, options.runtime);
      } catch (error) {
        if (!reuse) void nextStore.close();
        throw error;
      }
      const old = current;
      const oldStore = store;
      current = next;
      store = nextStore;
      metrics.setProviders(next.factory.listProviders());
      void old.retire().then(() => (reuse ? undefined : oldStore.close()));
    },
    async drain(graceMs) {
      draining = true;
      const before = inFlight.size;
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      const aborted = inFlight.size;
      for (const abort of inFlight) abort.abort(new Error('gateway shutting down'));
      return { finished: before - aborted, aborted };
    },
    async close() {
      draining = true;
      await current.retire(true);
      await store.close();
    },
  };
}
