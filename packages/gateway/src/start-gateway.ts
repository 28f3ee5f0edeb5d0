import { watch } from 'node:fs';
import { ConfigError } from '@modelmux/core';
import { pino, type Logger } from 'pino';
import { loadGatewayConfig } from './config/load-config.js';
import { masterKeyFrom } from './master-key.js';
import { serveGateway, type ServedGateway } from './serve.js';
import { createGateway, type Gateway } from './server/create-gateway.js';

/** Options of `startGateway()` (what the CLI passes). */
export interface StartGatewayOptions {
  config: string;
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Install SIGTERM/SIGINT (graceful shutdown) and SIGHUP (reload) handlers (default true). */
  signals?: boolean;
  logger?: Logger;
}

/** A running gateway with its reload. */
export interface StartedGateway extends ServedGateway {
  gateway: Gateway;
  masterKey: string;
  /** Re-reads the config file; a bad one is refused, logged, and the old one kept. Resolves true when applied. */
  reload(): Promise<boolean>;
}

function issuesOf(error: unknown): unknown {
  return ConfigError.isInstance(error) ? error.issues : { name: (error as Error).name };
}

/**
 * Loads the config file, builds and serves the gateway, and wires SIGTERM (graceful shutdown),
 * SIGHUP (reload) and, with `gateway.watch`, reload on file change.
 */
export async function startGateway(options: StartGatewayOptions): Promise<StartedGateway> {
  const env = options.env ?? process.env;
  const config = await loadGatewayConfig(options.config, env);
  const logger = options.logger ?? pino({ level: config.gateway.logLevel });
  const master = masterKeyFrom(env);
  const gateway = createGateway({ config, masterKey: master.key, logger });
  const port =
    options.port ?? (env['PORT'] ? Number(env['PORT']) : undefined) ?? config.gateway.port ?? 4000;
  const served = await serveGateway(gateway, {
    port,
    host: options.host ?? config.gateway.host ?? '127.0.0.1',
  });
  if (master.generated)
    process.stdout.write(
      `MODELMUX_MASTER_KEY was not set; this run's master key (shown once): ${master.key}\n`,
    );
  logger.info(
    { url: served.url, providers: gateway.runtime().factory.listProviders() },
    'gateway listening',
  );
  const reload = async () => {
    try {
      await gateway.reload(await loadGatewayConfig(options.config, env));
      logger.info({ providers: gateway.runtime().factory.listProviders() }, 'config reloaded');
      return true;
    } catch (error) {
      logger.error({ issues: issuesOf(error) }, 'config reload refused; the previous config stays');
      return false;
    }
  };
  if (options.signals !== false) {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down: refusing new requests, finishing in-flight ones');
      served.shutdown().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => void reload());
  }
  if (config.gateway.watch) {
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(options.config, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 200);
    });
    served.server.once('close', () => watcher.close());
  }
  return { ...served, gateway, masterKey: master.key, reload };
}
