// The short seeded variant of `npm run soak` that CI runs. It asserts the invariants that hold
// today; the success row is printed, and asserted only by the full soak (see the README).
import { describe, expect, test } from 'vitest';
import { formatTable, reportRows } from './check-report.js';
import { runSoak } from './soak.js';

describe('chaos soak (short, seeded)', () => {
  test('no past-deadline call, no unhandled rejection, no overspend, spend = Σ costs, no secret, bounded calls', async () => {
    const report = await runSoak({ requests: 150, seed: 24, batch: 50 });
    const rows = reportRows(report);
    console.log(formatTable(rows));
    const held = Object.fromEntries(rows.map((row) => [row.check.split(' (')[0], row.ok]));
    expect(held).toMatchObject({
      'past deadline': true,
      'unhandled rejections': true,
      'users over their budget': true,
      'spend recorded = Σ result costs': true,
      'secrets in any output': true,
      'calls at the fake ≤ calls the breakers and cool-downs allowed': true,
    });
    expect(report.ok).toBeGreaterThan(report.requests / 2);
  }, 60_000);
});
