import type { SoakReport } from './soak.js';

/** Heap growth allowed over a run (MB): the fakes' records and the metrics' windows are bounded. */
export const heapToleranceMb = 64;

/** One row of the report table: what was measured, its value, and whether it holds. */
export interface ReportRow {
  check: string;
  value: string;
  ok: boolean;
}

/** The soak's invariants, one row each (the README's table is this, printed). */
export function reportRows(r: SoakReport): ReportRow[] {
  const calls = Object.keys(r.callsAtFake);
  // Never more calls than the executor allowed (a caller's abort may stop a call before it lands).
  const callsMatch = calls.every((v) => (r.callsAtFake[v] ?? 0) <= (r.attemptsReported[v] ?? 0));
  const expected = r.aborted + r.budgetRefusals + r.streamsInterrupted;
  return [
    {
      check: 'success while ≥ 1 provider healthy',
      value: `${r.ok} ok, ${expected} expected refusals (aborts ${r.aborted}, budget ${r.budgetRefusals}, streams cut after their first event ${r.streamsInterrupted}), ${r.unexpectedFailures} unexpected`,
      ok: r.unexpectedFailures === 0 && r.ok + expected === r.requests,
    },
    {
      check: `past deadline (${r.deadlineMs} ms)`,
      value: `${r.pastDeadline} (max latency ${Math.round(r.maxLatencyMs)} ms)`,
      ok: r.pastDeadline === 0,
    },
    {
      check: 'unhandled rejections',
      value: String(r.unhandledRejections),
      ok: r.unhandledRejections === 0,
    },
    {
      check: 'users over their budget',
      value: String(r.overspentUsers),
      ok: r.overspentUsers === 0,
    },
    {
      check: 'spend recorded = Σ result costs',
      value: `$${r.spendRecordedUsd.toFixed(6)} vs $${r.spendOfResultsUsd.toFixed(6)}`,
      ok: Math.abs(r.spendRecordedUsd - r.spendOfResultsUsd) < 1e-9,
    },
    { check: 'secrets in any output', value: String(r.secretsFound), ok: r.secretsFound === 0 },
    {
      check: `heap growth (≤ ${heapToleranceMb} MB)`,
      value: `${r.heapStartMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} MB`,
      ok: r.heapEndMb - r.heapStartMb <= heapToleranceMb,
    },
    {
      check: 'calls at the fake ≤ calls the breakers and cool-downs allowed',
      value: calls.map((v) => `${v} ${r.callsAtFake[v]}/${r.attemptsReported[v] ?? 0}`).join(', '),
      ok: callsMatch,
    },
    { check: 'cache hits', value: String(r.cacheHits), ok: true },
  ];
}

/** The rows as a Markdown table. */
export function formatTable(rows: readonly ReportRow[]): string {
  const lines = ['| check | value | holds |', '|---|---|---|'];
  for (const row of rows) lines.push(`| ${row.check} | ${row.value} | ${row.ok ? 'yes' : 'NO'} |`);
  return lines.join('\n');
}
