// A gateway on a real 127.0.0.1 port in front of the fake vendors, for tests. Every log line
// is captured (to grep for secrets).
import { Writable } from 'node:stream';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { parseGatewayConfig, type GatewayConfig } from '../config/load-config.js';
import { serveGateway, type ServedGateway } from '../serve.js';
import type { RuntimeOptions } from '../runtime.js';
import { createGateway, type Gateway } from '../server/create-gateway.js';

export const masterKey = 'mmx-master-test-0123456789abcdefghij';
export const vendorKeys = {
  openai: 'sk-test-openai-0123456789abcdef',
  anthropic: 'sk-ant-test-0123456789abcdef',
  google: 'AIza-test-0123456789abcdef',
  groq: 'gsk_test_0123456789abcdef',
} as const;

export interface Running {
  gateway: Gateway;
  served: ServedGateway;
  url: string;
  logs: string[];
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** Creates a virtual key through the admin API. */
  newKey(settings: Record<string, unknown>): Promise<{ key: string; id: string }>;
}

/** The fake vendors for the file, and `start()` for gateways closed after each test. */
export function useGateway(): {
  fake: () => FakeProviders;
  start: (raw?: Record<string, unknown>, runtime?: RuntimeOptions) => Promise<Running>;
} {
  let fake: FakeProviders;
  const running: Running[] = [];
  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.served.shutdown()));
    fake.reset();
  });
  afterAll(async () => {
    await fake?.close();
  });
  return {
    fake: () => fake,
    async start(raw = {}, runtime: RuntimeOptions = {}) {
      const base: Record<string, unknown> = {
        providers: {
          openai: { apiKey: vendorKeys.openai, baseURL: fake.baseURL.openai },
          anthropic: { apiKey: vendorKeys.anthropic, baseURL: fake.baseURL.anthropic },
        },
        ...raw,
      };
      const config: GatewayConfig = parseGatewayConfig(base, {});
      const logs: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, callback) {
          logs.push(String(chunk));
          callback();
        },
      });
      const gateway = createGateway({
        config,
        masterKey,
        logger: pino({ level: 'debug' }, sink),
        runtime,
      });
      const served = await serveGateway(gateway, { port: 0 });
      const run: Running = {
        gateway,
        served,
        url: served.url,
        logs,
        admin: (path, init = {}) =>
          fetch(`${served.url}${path}`, {
            ...init,
            headers: {
              authorization: `Bearer ${masterKey}`,
              'content-type': 'application/json',
              ...init.headers,
            },
          }),
        async newKey(settings) {
          const res = await run.admin('/admin/keys', {
            method: 'POST',
            body: JSON.stringify(settings),
          });
          if (res.status !== 201) throw new Error(`create key: ${res.status} ${await res.text()}`);
          return (await res.json()) as { key: string; id: string };
        },
      };
      running.push(run);
      return run;
    },
  };
}
