// The gateway bench (issue 21): the `openai` SDK → our gateway → fake, against the SDK → fake
// directly (the yardstick) and through the Portkey gateway (the peer), and our gateway served by
// hono (@hono/node-server, what the bin uses) and by fastify 5, all against the same fake in a
// child process; each gateway in its own process. Sides interleaved; medians; ratios to direct.
//   npm run bench:gateway -w @modelmux/bench [-- --quick]  (node --conditions=@modelmux/source
//   --import ./loader/register.mjs src/gateway-bench.ts)
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { startFakeProcess } from './fake-process.js';
import { directSdk, sdkBody } from './sides.js';
import { interleave, median, quantile, throughput } from './stats.js';

const quick = process.argv.includes('--quick');
const size = quick
  ? { rounds: 60, warmup: 20, bursts: 2, burst: 200, ttftRounds: 30 }
  : { rounds: 400, warmup: 100, bursts: 4, burst: 500, ttftRounds: 150 };
const here = dirname(fileURLToPath(import.meta.url));
const loader = new URL('../loader/register.mjs', import.meta.url).href;

interface Served {
  url: string;
  key: string;
  child: ChildProcess;
  rss(): Promise<number>;
}

function startOurs(mode: 'hono' | 'fastify', openaiBaseURL: string): Promise<Served> {
  const child = fork(join(here, 'gateway-server-child.ts'), [mode, openaiBaseURL], {
    execArgv: ['--conditions=@modelmux/source', '--import', loader],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { url: string; key: string }) =>
      resolve({
        ...m,
        child,
        rss: () =>
          new Promise((r) => {
            child.once('message', (reply: { rss: number }) => r(reply.rss));
            child.send({ op: 'rss' });
          }),
      }),
    );
    child.once('exit', (code) => reject(new Error(`${mode} gateway exited with ${code}`)));
  });
}

async function startPortkey(): Promise<{ url: string; child: ChildProcess }> {
  const script = join(
    dirname(createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json')),
    'build',
    'start-server.js',
  );
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [script, `--port=${port}`, '--headless'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('portkey did not start');
}

const fake = await startFakeProcess();
const [hono, fastify, portkey] = await Promise.all([
  startOurs('hono', fake.baseURL.openai),
  startOurs('fastify', fake.baseURL.openai),
  startPortkey(),
]);
const client = (baseURL: string, apiKey: string, headers: Record<string, string> = {}) =>
  new OpenAI({ apiKey, baseURL, maxRetries: 0, defaultHeaders: headers });
const clients = {
  direct: directSdk(fake),
  'gateway (hono)': client(`${hono.url}/v1`, hono.key),
  'gateway (fastify)': client(`${fastify.url}/v1`, fastify.key),
  portkey: client(`${portkey.url}/v1`, 'sk-bench-0000000000000000', {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': fake.baseURL.openai,
  }),
};
type Side = keyof typeof clients;
const overhead: Record<'gateway (hono)' | 'gateway (fastify)', number[]> = {
  'gateway (hono)': [],
  'gateway (fastify)': [],
};
const body = (side: Side) => ({
  ...sdkBody,
  model: side.startsWith('gateway') ? 'openai/gpt-4o-mini' : sdkBody.model,
});
const errors: Record<Side, number> = {
  direct: 0,
  'gateway (hono)': 0,
  'gateway (fastify)': 0,
  portkey: 0,
};
let warm = false;
const call = (side: Side) => async () => {
  try {
    const { response } = await clients[side].chat.completions.create(body(side)).withResponse();
    if (side === 'gateway (hono)' || side === 'gateway (fastify)')
      overhead[side].push(Number(response.headers.get('x-modelmux-overhead-ms')));
  } catch (error) {
    if (!warm) throw error;
    errors[side] += 1; // counted and reported (Portkey drops sockets under load); never silent
  }
};
const sides = Object.fromEntries(
  (Object.keys(clients) as Side[]).map((s) => [s, call(s)]),
) as Record<Side, () => Promise<void>>;

for (const side of Object.keys(clients) as Side[])
  await sides[side]().catch((error: unknown) => {
    throw new Error(`${side}: the first call failed`, { cause: error });
  });
warm = true;
const rssBefore = await hono.rss();
console.error('[gateway-bench] sequential p50');
const latency = await interleave(sides, size.rounds, size.warmup);
for (const k of Object.keys(overhead) as (keyof typeof overhead)[])
  overhead[k].splice(0, size.warmup);
console.error('[gateway-bench] req/s at 64 in flight');
const rps: Record<Side, number[]> = {
  direct: [],
  'gateway (hono)': [],
  'gateway (fastify)': [],
  portkey: [],
};
for (let b = 0; b < size.bursts; b++)
  for (const side of Object.keys(clients) as Side[])
    rps[side].push(await throughput(sides[side], size.burst, 64));
console.error('[gateway-bench] streaming TTFT');
const ttftOf = (side: Side) => async () => {
  const started = performance.now();
  let first = 0;
  try {
    const stream = await clients[side].chat.completions.create({ ...body(side), stream: true });
    for await (const chunk of stream)
      if (!first && chunk.choices[0]?.delta.content) first = performance.now() - started;
  } catch {
    errors[side] += 1;
  }
  return first;
};
const ttft: Record<Side, number[]> = {
  direct: [],
  'gateway (hono)': [],
  'gateway (fastify)': [],
  portkey: [],
};
for (let r = 0; r < size.ttftRounds + 10; r++)
  for (const side of Object.keys(clients) as Side[]) {
    const ms = await ttftOf(side)();
    if (r >= 10 && ms > 0) ttft[side].push(ms);
  }
const rssAfter = await hono.rss();

const base = { p50: median(latency.direct), rps: median(rps.direct), ttft: median(ttft.direct) };
const rows = (Object.keys(clients) as Side[]).map((side) => {
  const p50 = median(latency[side]);
  const r = median(rps[side]);
  const t = median(ttft[side]);
  const oh =
    side in overhead ? `${median(overhead[side as keyof typeof overhead]).toFixed(3)} ms` : '—';
  return `| ${side} | ${p50.toFixed(3)} ms | ${(p50 / base.p50).toFixed(2)}× | ${quantile(latency[side], 0.99).toFixed(2)} ms | ${Math.round(r)}/s | ${(r / base.rps).toFixed(2)}× | ${oh} | ${t.toFixed(2)} ms | ${(t / base.ttft).toFixed(2)}× | ${errors[side]} |`;
});
const calls = size.rounds + size.warmup + size.bursts * size.burst + size.ttftRounds + 10;
console.log(
  [
    `Gateway bench (${quick ? 'quick' : 'full'}): ${size.rounds} interleaved rounds, ${size.bursts}×${size.burst} calls per side at 64 in flight, ${size.ttftRounds} streamed rounds`,
    '',
    '| side | p50 | p50 ratio | p99 | req/s at 64 | req/s ratio | x-modelmux-overhead-ms p50 | TTFT p50 | TTFT ratio | failed calls |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `hono gateway RSS: ${(rssBefore / 1e6).toFixed(1)} MB before, ${(rssAfter / 1e6).toFixed(1)} MB after ~${calls} calls`,
  ].join('\n'),
);
for (const s of [hono, fastify]) s.child.kill();
portkey.child.kill();
await fake.close();
