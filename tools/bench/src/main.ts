import './node-fetch-first.js';
import { aiSdkDropIn, formatAiSdkDropIn } from './ai-sdk-drop-in.js';
import { formatMetricsCost, metricsCost } from './metrics-cost.js';
import { formatOpenAIFetch, openaiFetchBench } from './openai-fetch.js';
import { formatReport, runBenchmarks, type ScenarioName, scenarioNames } from './report.js';
import { formatRouterPlan, routerPlan } from './router-plan.js';
import { fullSize, quickSize } from './scenarios.js';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const asked = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;
// `router` (router.plan's cost, ./router-plan.ts) runs after the others.
const withRouter = !asked || asked.includes('router');
// `metrics` (createMetrics' CPU per request, ./metrics-cost.ts) runs last.
const withMetrics = !asked || asked.includes('metrics');
// `openai-fetch` (the openai SDK through factory.openaiFetch(), ./openai-fetch.ts) runs after the scenarios.
const withOpenAIFetch = !asked || asked.includes('openai-fetch');
// `ai-sdk` (the AI SDK drop-in vs @ai-sdk/openai and ai-fallback, ./ai-sdk-drop-in.ts) runs
// after the others, before router and metrics.
const withAiSdk = !asked || asked.includes('ai-sdk');
const only = (asked?.filter(
  (name) => !['router', 'metrics', 'openai-fetch', 'ai-sdk'].includes(name),
) ?? [...scenarioNames]) as ScenarioName[];
const unknown = only.filter((name) => !scenarioNames.includes(name));
if (unknown.length > 0) {
  console.error(
    `Unknown scenario(s) ${unknown.join(', ')}; use ${scenarioNames.join(', ')}, openai-fetch, ai-sdk, router, metrics`,
  );
  process.exit(2);
}
const size = quick ? quickSize : fullSize;
const started = performance.now();
runBenchmarks(size, only, (line) => console.error(`[bench] ${line}`)).then(
  async (results) => {
    console.log(formatReport(results, size));
    if (withOpenAIFetch) console.log(formatOpenAIFetch(await openaiFetchBench(size)));
    if (withAiSdk) console.log(`\n${formatAiSdkDropIn(await aiSdkDropIn(size))}`);
    if (withRouter) console.log(formatRouterPlan(routerPlan(size)));
    if (withMetrics) console.log(formatMetricsCost(await metricsCost(size)));
    console.error(`[bench] done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
