// The dashboard's HTML and script: plain HTML/JS, uPlot served from node_modules, live over SSE.

const style = `
:root{--bg:#0f1419;--panel:#182029;--text:#e6edf3;--muted:#8b98a5;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--accent:#58a6ff}
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,sans-serif;background:var(--bg);color:var(--text)}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 20px;border-bottom:1px solid #26313c}
h1{font-size:18px;margin:0}h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 10px}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:14px;padding:14px 20px}
section{background:var(--panel);border-radius:8px;padding:14px}section.wide{grid-column:1/-1}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px}
.kpi b{display:block;font-size:22px}.kpi span{color:var(--muted);font-size:12px}
table{width:100%;border-collapse:collapse;font-size:13px}td,th{text-align:left;padding:4px 6px;border-bottom:1px solid #26313c}th{color:var(--muted);font-weight:500}
.pill{padding:1px 8px;border-radius:10px;font-size:12px}.healthy,.closed{background:#12361d;color:var(--ok)}.degraded,.half-open{background:#3a2d0c;color:var(--warn)}.down,.open{background:#3d1414;color:var(--bad)}
.bar{height:10px;background:#0b0f14;border-radius:5px;overflow:hidden;margin:4px 0 8px}.bar i{display:block;height:100%;background:var(--accent)}.bar i.hot{background:var(--bad)}
.muted{color:var(--muted)}#live{font-size:12px}
`;

/** The dashboard page (the data comes over `/ui/events`). */
export function dashboardPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>modelmux gateway</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="/ui/assets/uplot.css"><style>${style}</style></head><body>
<header><h1>modelmux gateway</h1><span id="live" class="muted">connecting…</span></header>
<main>
<section class="wide"><h2>Traffic</h2><div class="kpis">
<div class="kpi"><b data-testid="rps">0</b><span>requests/s</span></div>
<div class="kpi"><b data-testid="total">0</b><span>requests</span></div>
<div class="kpi"><b data-testid="p50">0</b><span>p50 ms</span></div>
<div class="kpi"><b data-testid="p95">0</b><span>p95 ms</span></div>
<div class="kpi"><b data-testid="p99">0</b><span>p99 ms</span></div>
<div class="kpi"><b data-testid="ttft">0</b><span>TTFT p50 / p95 ms</span></div>
<div class="kpi"><b data-testid="error-rate">0%</b><span>error rate</span></div>
<div class="kpi"><b data-testid="fallbacks">0</b><span>fallbacks</span></div>
<div class="kpi"><b data-testid="cache-rate">0%</b><span>cache hit rate</span></div>
</div></section>
<section><h2>Providers</h2><table data-testid="providers"><thead><tr><th>provider</th><th>health</th><th>breaker</th><th>share</th><th>why skipped</th></tr></thead><tbody></tbody></table></section>
<section><h2>Requests per second (60 s)</h2><div id="rps-chart"></div></section>
<section><h2>Latency ms (p50 / p95)</h2><div id="lat-chart"></div></section>
<section><h2>Errors by kind</h2><table data-testid="errors"><tbody></tbody></table></section>
<section><h2>Routing share</h2><div data-testid="share"></div></section>
<section><h2>Spend against budgets</h2><div data-testid="budgets"><p class="muted">no budgets configured</p></div></section>
<section class="wide"><h2>Last requests</h2><table data-testid="recent"><thead><tr><th>time</th><th>key</th><th>model</th><th>provider</th><th>status</th><th>latency</th><th>TTFT</th><th>tokens in/out</th><th>cost</th><th>fallback</th></tr></thead><tbody></tbody></table></section>
</main><script src="/ui/assets/uplot.js"></script><script src="/ui/app.js"></script></body></html>`;
}

/** The login form (sets an HTTP-only cookie on success). */
export function loginPage(error?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>modelmux gateway — sign in</title><style>${style}
form{max-width:360px;margin:80px auto;background:var(--panel);padding:20px;border-radius:8px}input,button{width:100%;padding:8px;margin-top:8px;border-radius:6px;border:1px solid #26313c;background:#0b0f14;color:var(--text)}button{background:var(--accent);color:#000}</style></head>
<body><form method="post" action="/ui/login"><h1>modelmux gateway</h1><p class="muted">Sign in with the master key (MODELMUX_MASTER_KEY).</p>
${error ? `<p style="color:var(--bad)">${error}</p>` : ''}<input type="password" name="key" autocomplete="current-password" aria-label="master key"><button type="submit">Sign in</button></form></body></html>`;
}

/** The dashboard's script: draws each `state` event. */
export const dashboardScript = `'use strict';
const $ = (s) => document.querySelector(s);
const esc = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmt = (n, d = 0) => (typeof n === 'number' ? n.toFixed(d) : '–');
const usd = (n) => (typeof n === 'number' ? '$' + (n < 0.01 ? n.toFixed(5) : n.toFixed(2)) : '–');
const until = (ms) => { const s = Math.max(0, Math.round((ms - Date.now()) / 1000)); return s > 3600 ? Math.round(s / 3600) + ' h' : s > 60 ? Math.round(s / 60) + ' min' : s + ' s'; };
const opts = (w, series) => ({ width: w, height: 160, series: [{}, ...series], axes: [{ stroke: '#8b98a5' }, { stroke: '#8b98a5' }], legend: { show: true } });
let rpsChart, latChart; const lat = [[], [], []];
function charts() {
  const w = Math.max(280, $('#rps-chart').clientWidth);
  rpsChart = new uPlot(opts(w, [{ label: 'req/s', stroke: '#58a6ff', fill: 'rgba(88,166,255,.15)' }, { label: 'errors/s', stroke: '#f85149' }]), [[], [], []], $('#rps-chart'));
  latChart = new uPlot(opts(w, [{ label: 'p50', stroke: '#3fb950' }, { label: 'p95', stroke: '#d29922' }]), lat, $('#lat-chart'));
}
function draw(state) {
  const s = state.stats;
  $('[data-testid=rps]').textContent = fmt(s.rps, 1);
  $('[data-testid=total]').textContent = s.total;
  $('[data-testid=p50]').textContent = fmt(s.latency.p50);
  $('[data-testid=p95]').textContent = fmt(s.latency.p95);
  $('[data-testid=p99]').textContent = fmt(s.latency.p99);
  $('[data-testid=ttft]').textContent = fmt(s.ttft.p50) + ' / ' + fmt(s.ttft.p95);
  $('[data-testid=error-rate]').textContent = fmt(s.errorRate * 100, 1) + '%';
  $('[data-testid=fallbacks]').textContent = s.fallbacks;
  $('[data-testid=cache-rate]').textContent = fmt(s.cacheHitRate * 100, 1) + '%';
  const total = Object.values(s.byProvider).reduce((a, b) => a + b, 0) || 1;
  $('[data-testid=providers] tbody').innerHTML = Object.values(state.status.providers).map((p) => {
    const breaker = p.reasons.some((r) => r.code === 'breaker_open') ? 'open' : 'closed';
    return '<tr data-provider="' + esc(p.name) + '"><td>' + esc(p.name) + '</td><td><span class="pill ' + esc(p.health) + '">' + esc(p.health) + '</span></td><td><span class="pill ' + breaker + '" data-testid="breaker-' + esc(p.name) + '">' + breaker + '</span></td><td>' + fmt(((s.byProvider[p.name] || 0) / total) * 100) + '%</td><td class="muted">' + esc(p.reasons.map((r) => r.code).join(', ')) + '</td></tr>';
  }).join('');
  $('[data-testid=errors] tbody').innerHTML = Object.entries(s.errorsByKind).map(([k, n]) => '<tr><td>' + esc(k) + '</td><td>' + n + '</td></tr>').join('') || '<tr><td class="muted">none</td></tr>';
  const share = (title, m) => { const t = Object.values(m).reduce((a, b) => a + b, 0) || 1; return '<p class="muted">' + title + '</p>' + Object.entries(m).map(([k, n]) => '<div>' + esc(k) + ' ' + fmt((n / t) * 100) + '%<div class="bar"><i style="width:' + (n / t) * 100 + '%"></i></div></div>').join(''); };
  $('[data-testid=share]').innerHTML = share('by provider', s.byProvider) + share('by strategy', s.byStrategy);
  const bar = (label, scope) => { const pct = scope.limitUsd ? Math.min(100, ((scope.spentUsd + scope.reservedUsd) / scope.limitUsd) * 100) : 0; return '<div data-budget="' + esc(label) + '">' + esc(label) + ': ' + usd(scope.spentUsd) + ' of ' + usd(scope.limitUsd) + ' <span class="muted">(' + scope.period + ', resets in ' + until(scope.resetsAt) + ')</span><div class="bar"><i class="' + (pct > 90 ? 'hot' : '') + '" data-testid="budget-fill" data-pct="' + pct.toFixed(2) + '" style="width:' + pct + '%"></i></div></div>'; };
  const rows = [];
  for (const b of state.budgets) rows.push(bar(b.provider ? 'provider ' + b.provider : b.userId ? 'user ' + b.userId : b.tag ? 'tag ' + b.tag : 'global ' + b.scope, b));
  for (const k of state.keyBudgets) for (const b of k.scopes) rows.push(bar('key ' + k.name, b));
  if (rows.length) $('[data-testid=budgets]').innerHTML = rows.join('');
  $('[data-testid=recent] tbody').innerHTML = s.recent.map((r) => '<tr><td>' + new Date(r.at).toLocaleTimeString() + '</td><td>' + esc(r.keyName || '–') + '</td><td>' + esc(r.model) + '</td><td>' + esc(r.provider || '–') + (r.providerModel ? ' <span class="muted">' + esc(r.providerModel) + '</span>' : '') + '</td><td>' + r.status + (r.errorKind ? ' ' + esc(r.errorKind) : '') + '</td><td>' + fmt(r.latencyMs) + ' ms</td><td>' + (r.ttftMs !== undefined ? fmt(r.ttftMs) + ' ms' : '–') + '</td><td>' + (r.inputTokens ?? '–') + ' / ' + (r.outputTokens ?? '–') + '</td><td>' + usd(r.costUsd) + '</td><td>' + (r.fallback ? 'yes' : r.cached ? 'cache' : '') + '</td></tr>').join('');
  const t = s.rpsSeries.map((p) => p.t);
  rpsChart.setData([t, s.rpsSeries.map((p) => p.rps), s.rpsSeries.map((p) => p.errors)]);
  lat[0].push(Math.floor(s.at / 1000)); lat[1].push(s.latency.p50); lat[2].push(s.latency.p95);
  if (lat[0].length > 120) lat.forEach((a) => a.shift());
  latChart.setData(lat);
  $('#live').textContent = 'live · ' + new Date(s.at).toLocaleTimeString() + ' · ' + state.keys + ' keys';
}
charts();
const events = new EventSource('/ui/events');
events.addEventListener('state', (e) => draw(JSON.parse(e.data)));
events.onerror = () => { $('#live').textContent = 'reconnecting…'; };
`;
