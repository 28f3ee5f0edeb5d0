// One gateway for the gateway bench (gateway-bench.ts), in its own process: `hono` serves it
// with @hono/node-server (what the bin does), `fastify` serves the same gateway.fetch through
// fastify 5. Replies over IPC with { url, key } (a virtual key without limits), then `rss`.
import { Readable } from 'node:stream';
import { createGateway, parseGatewayConfig, serveGateway } from '@modelmux/gateway';
import Fastify from 'fastify';
import { pino } from 'pino';

const [mode, openaiBaseURL] = process.argv.slice(2) as ['hono' | 'fastify', string];
const config = parseGatewayConfig(
  {
    providers: { openai: { apiKey: 'sk-bench-0000000000000000', baseURL: openaiBaseURL } },
    maxRetries: 0,
    gateway: { logLevel: 'silent' },
  },
  {},
);
const gateway = createGateway({
  config,
  masterKey: 'mmx-bench-master-0123456789',
  logger: pino({ level: 'silent' }),
});
const { key } = await gateway.runtime().keys.create({ name: 'bench' });

let url: string;
if (mode === 'hono') {
  url = (await serveGateway(gateway, { port: 0 })).url;
} else {
  const app = Fastify({ logger: false, keepAliveTimeout: 5_000 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.all('/*', async (req, reply) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const body = req.body as Buffer | undefined;
    const response = await gateway.fetch(
      new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        ...(body && body.length > 0 && { body }),
      }),
    );
    reply.code(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    return response.body
      ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
      : '';
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
}
process.send?.({ url, key });
process.on('message', (message: { op: string }) => {
  if (message.op === 'rss') process.send?.({ rss: process.memoryUsage().rss });
});
