import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the status handler reads from a factory (`ProviderFactory` implements it). */
export interface StatusSource {
  getProviderStatus(): unknown;
  /** Per provider: would it be called now (configured, breaker not open, not cooling down…). */
  getAvailability(): Record<string, boolean>;
  /** The Prometheus text exposition and its content type. */
  getPrometheusMetrics(): Promise<{ contentType: string; text: string }>;
}

/** Options of `createStatusHandler()`. */
export interface StatusHandlerOptions {
  /** Paths served (defaults `/llm/status`, `/health`, `/metrics`). */
  paths?: { status?: string; health?: string; metrics?: string };
}

/** A node:http (and Express) handler; with Express, unmatched paths go to `next`. */
export type StatusHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * Serves the factory's state over HTTP: `GET /llm/status` (the provider status JSON),
 * `GET /health` (200 while any provider is usable, else 503) and `GET /metrics` (Prometheus
 * text). Other paths: `next()` when given (Express), else 404. Other methods: 405.
 *
 * @example
 * http.createServer(createStatusHandler(factory)).listen(9464);
 */
export function createStatusHandler(
  factory: StatusSource,
  options: StatusHandlerOptions = {},
): StatusHandler {
  const paths = {
    status: options.paths?.status ?? '/llm/status',
    health: options.paths?.health ?? '/health',
    metrics: options.paths?.metrics ?? '/metrics',
  };
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== paths.status && path !== paths.health && path !== paths.metrics) {
      if (next) next();
      else json(res, 404, { error: `not found: ${path}` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      json(res, 405, { error: `method ${req.method ?? ''} not allowed: use GET` });
      return;
    }
    try {
      if (path === paths.status) {
        json(res, 200, factory.getProviderStatus());
      } else if (path === paths.health) {
        const providers = factory.getAvailability();
        const ok = Object.values(providers).some(Boolean);
        json(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', providers });
      } else {
        factory.getPrometheusMetrics().then(
          ({ contentType, text }) => send(res, 200, contentType, text),
          () => json(res, 500, { error: 'metrics unavailable' }),
        );
      }
    } catch {
      json(res, 500, { error: 'status unavailable' });
    }
  };
}
