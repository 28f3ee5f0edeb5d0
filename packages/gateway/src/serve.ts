import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Gateway } from './server/create-gateway.js';

/** A listening gateway. */
export interface ServedGateway {
  readonly server: Server;
  /** `http://host:port`. */
  readonly url: string;
  /** Refuses new requests, lets in-flight ones finish up to `shutdownGraceMs`, then closes. */
  shutdown(): Promise<void>;
}

/**
 * Serves a gateway on node:http through `@hono/node-server`, with the config's header and
 * keep-alive timeouts (slow clients are cut by node itself, before any handler runs).
 */
export async function serveGateway(
  gateway: Gateway,
  options: { port: number; host?: string },
): Promise<ServedGateway> {
  const limits = gateway.runtime().config.gateway.limits;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: gateway.fetch,
        port: options.port,
        hostname: options.host ?? '127.0.0.1',
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          // The whole request (headers and body) must arrive in this time; streams out are not cut.
          requestTimeout: limits.headersTimeoutMs * 3,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
        },
      },
      () => resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${address.port}`,
    shutdown: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const { aborted } = await gateway.drain(
          gateway.runtime().config.gateway.limits.shutdownGraceMs,
        );
        if (aborted)
          gateway.logger.warn(
            { aborted },
            'shutdown: aborted requests still running at the deadline',
          );
        server.closeAllConnections();
        await closed;
        await gateway.close();
      })()),
  };
}
