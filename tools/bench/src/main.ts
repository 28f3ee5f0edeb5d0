import { fullSize } from './scenarios.js';
import { formatReport, runBenchmarks, type ScenarioName, scenarioNames } from './report.js';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg
  ? (onlyArg.slice('--only='.length).split(',') as ScenarioName[])
  : [...scenarioNames];
const unknown = only.filter((name) => !scenarioNames.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown scenario(s) ${unknown.join(', ')}; use ${scenarioNames.join(', ')}`);
  process.exit(2);
}
const size = quick
  ? { ...fullSize, rounds: 60, warmup: 10, batch: 500, throughputCalls: 800 }
  : fullSize;
runBenchmarks(size, only).then(
  (results) => console.log(formatReport(results, size)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
