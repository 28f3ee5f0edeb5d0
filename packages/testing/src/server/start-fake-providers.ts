import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  fakeProviderNames,
  type FakeProviderName,
  type FakeProviders,
  type FakeProvidersOptions,
} from '../types.js';
import { anthropicCodec } from '../vendors/anthropic/anthropic-codec.js';
import { asRecord, type VendorCodec } from '../vendors/codec.js';
import { googleCodec } from '../vendors/google/google-codec.js';
import { groqCodec } from '../vendors/groq/groq-codec.js';
import { openAICodec } from '../vendors/openai/openai-codec.js';
import { ProviderState } from './provider-state.js';
import { readBody } from './read-body.js';
import { Recorder } from './recorder.js';
import { routeRequest } from './route-request.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { runStep } from './run-step.js';
import { serverTimers } from './timers.js';

const codecs: Record<FakeProviderName, VendorCodec> = {
  openai: openAICodec(false),
  groq: groqCodec(),
  anthropic: anthropicCodec(),
  google: googleCodec(),
};

/**
 * Starts one loopback HTTP server that speaks the OpenAI, Anthropic, Gemini and Groq wire
 * formats, answering deterministically unless scripted or ruled otherwise.
 * @example
 * const fake = await startFakeProviders();
 * const openai = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL.openai, maxRetries: 0 });
 * fake.script('openai', [{ status: 429, retryAfter: 2 }]);
 * await fake.close();
 */
export async function startFakeProviders(
  options: FakeProvidersOptions = {},
): Promise<FakeProviders> {
  const host = options.host ?? '127.0.0.1';
  const timers = serverTimers(options.useGlobalTimers ?? false);
  const states = Object.fromEntries(
    fakeProviderNames.map((p) => [p, new ProviderState(options.seed ?? 1)]),
  ) as Record<FakeProviderName, ProviderState>;
  const recorder = new Recorder();
  const sockets = new Set<Socket>();
  const waits = new Map<unknown, (done: boolean) => void>();
  let seq = 0;
  let closed = false;

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (closed) return resolve(false);
      const handle = timers.setTimeout(() => {
        waits.delete(handle);
        resolve(!closed);
      }, ms);
      waits.set(handle, resolve);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const body = await readBody(req);
    const routed = routeRequest(req.method ?? 'GET', url.pathname, req.headers);
    if (!routed) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: `No fake route for ${req.method} ${url.pathname}`, type: 'not_found' },
        }),
      );
      return;
    }
    const { provider, route } = routed;
    const record = recorder.add(provider, req.method ?? 'GET', url, req.headers, body);
    res.once('close', () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
    const model = String(asRecord(body)['model'] ?? (route.kind === 'models' ? '' : route.model));
    const reply = { seq: ++seq, now: Date.now(), model };
    const state = states[provider];
    const next = state.next();
    state.served += 1;
    const headers = rateLimitHeaders(provider, state.limits, state.served, reply.now);
    if (next.latencyMs > 0 && !(await wait(next.latencyMs))) return;
    await runStep(next.step, {
      req,
      res,
      codec: codecs[provider],
      route,
      body,
      reply,
      wait,
      headers,
      ...(options.promptCache === true && { prefixCache: state.prefixCache }),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake server failure: ${String(error)}` } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    baseURL: { openai: `${url}/v1`, anthropic: url, groq: url, google: url },
    script: (provider, steps) => states[provider].script(steps),
    rules: (provider, rules) => states[provider].rules(rules),
    rateLimit: (provider, limits) => {
      states[provider].limits = limits;
    },
    requests: (provider) => recorder.list(provider),
    count: (provider) => recorder.list(provider).length,
    reset: () => {
      for (const state of Object.values(states)) state.reset();
      recorder.clear();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const [handle, resolve] of waits) {
        timers.clearTimeout(handle);
        resolve(false);
      }
      waits.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await done;
    },
  };
}
