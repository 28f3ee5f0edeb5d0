// `npm run soak [-- --requests 10000 --seed 24]`: the seeded chaos soak, its table, exit 1 on a
// broken invariant.
import { parseArgs } from 'node:util';
import { formatTable, reportRows } from './check-report.js';
import { runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '24' },
    fleet: { type: 'boolean', default: false },
  },
});
if (values.fleet) {
  console.error('--fleet is not implemented yet (see tools/soak/README.md)');
  process.exit(2);
}
const requests = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isSafeInteger(requests) || requests <= 0 || !Number.isSafeInteger(seed)) {
  console.error('--requests must be a positive integer and --seed an integer');
  process.exit(2);
}
const report = await runSoak({ requests, seed, log: (line) => console.error(line) });
const rows = reportRows(report);
console.log(
  `\nchaos soak: ${requests} requests, seed ${seed}, ${(report.durationMs / 1000).toFixed(1)} s\n`,
);
console.log(formatTable(rows));
if (report.failureSamples.length > 0)
  console.log(
    `\nunexpected failures (first ${report.failureSamples.length}):\n${report.failureSamples.join('\n')}`,
  );
process.exit(rows.every((row) => row.ok) ? 0 : 1);
