import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { KeyLimits } from '../keys/key-limits.js';
import type { Runtime } from '../runtime.js';
import { cookieValue, presentedKey } from '../server/auth.js';
import type { LiveStats } from './live-stats.js';
import { dashboardScript, dashboardPage, loginPage } from './page.js';

const cookie = 'mmx_ui';
const sessionsMax = 1_000;
const sessionMs = 12 * 60 * 60 * 1000;

/** uPlot from node_modules (served by the gateway: no CDN, works offline). */
function asset(path: string): string {
  return readFileSync(createRequire(import.meta.url).resolve(path), 'utf8');
}

/** What the dashboard pushes each second over SSE (never a key or a prompt). */
export async function dashboardState(
  runtime: Runtime,
  stats: LiveStats,
): Promise<Record<string, unknown>> {
  const { factory, keys, keyLimits } = runtime;
  const budgets = await factory.getUsage().catch(() => undefined);
  const keyBudgets: unknown[] = [];
  const listed = await keys.list().catch(() => []);
  for (const key of listed
    .filter((k) => k.revokedAt === undefined && KeyLimits.limited(k))
    .slice(0, 20)) {
    const record = await keys.get(key.id);
    if (!record) continue;
    const scopes = await keyLimits.usage(record).catch(() => []);
    keyBudgets.push({ id: key.id, name: key.name, scopes });
  }
  return {
    stats: stats.snapshot(),
    status: factory.getProviderStatus(),
    budgets: budgets?.scopes ?? [],
    keyBudgets,
    keys: listed.length,
  };
}

/** `/ui`: the live dashboard behind the master key (bearer header or login cookie). */
export function uiRoutes(deps: {
  runtime: () => Runtime;
  stats: LiveStats;
  isMaster: (presented: string | undefined) => boolean;
}): Hono {
  const app = new Hono();
  const sessions = new Map<string, number>();
  const signedIn = (request: Request) => {
    if (deps.isMaster(presentedKey(request.headers))) return true;
    const session = cookieValue(request.headers.get('cookie'), cookie);
    const until = session === undefined ? undefined : sessions.get(session);
    return until !== undefined && until > Date.now();
  };
  let uplot: { js: string; css: string } | undefined;

  app.post('/login', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const key = typeof form['key'] === 'string' ? form['key'] : undefined;
    if (!deps.isMaster(key)) return c.html(loginPage('That is not the master key.'), 401);
    if (sessions.size >= sessionsMax) sessions.delete(sessions.keys().next().value as string);
    const session = randomBytes(24).toString('base64url');
    sessions.set(session, Date.now() + sessionMs);
    c.header(
      'set-cookie',
      `${cookie}=${session}; HttpOnly; SameSite=Strict; Path=/ui; Max-Age=${sessionMs / 1000}`,
    );
    return c.redirect('/ui', 303);
  });
  app.use('*', async (c, next) => {
    if (!signedIn(c.req.raw)) return c.html(loginPage(), 401);
    await next();
  });
  app.get('/', (c) => c.html(dashboardPage()));
  app.get('/app.js', (c) =>
    c.body(dashboardScript, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/assets/uplot.js', (c) => {
    uplot ??= { js: asset('uplot/dist/uPlot.iife.min.js'), css: asset('uplot/dist/uPlot.min.css') };
    return c.body(uplot.js, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  app.get('/assets/uplot.css', (c) => {
    uplot ??= { js: asset('uplot/dist/uPlot.iife.min.js'), css: asset('uplot/dist/uPlot.min.css') };
    return c.body(uplot.css, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get('/state', async (c) => c.json(await dashboardState(deps.runtime(), deps.stats)));
  app.get('/events', (c) => {
    const encoder = new TextEncoder();
    let timer: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const push = async () => {
          try {
            const state = await dashboardState(deps.runtime(), deps.stats);
            controller.enqueue(encoder.encode(`event: state\ndata: ${JSON.stringify(state)}\n\n`));
          } catch {
            // The client went away between ticks, or a read failed: the next tick tries again.
          }
        };
        void push();
        timer = setInterval(() => void push(), 1000);
        c.req.raw.signal.addEventListener('abort', () => {
          clearInterval(timer);
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        });
      },
      cancel() {
        clearInterval(timer);
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      },
    });
  });
  return app;
}
