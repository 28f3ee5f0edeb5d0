import { fullSize } from './scenarios.js';
import { formatReport, runBenchmarks } from './report.js';

const quick = process.argv.includes('--quick');
const size = quick
  ? { ...fullSize, rounds: 60, warmup: 10, batch: 500, throughputCalls: 800 }
  : fullSize;
runBenchmarks(size).then(
  (results) => console.log(formatReport(results, size)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
