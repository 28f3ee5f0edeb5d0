import './node-fetch-first.js';
import { aiSdkDropIn, formatAiSdkDropIn } from './ai-sdk-drop-in.js';
import { formatLangchainDropIn, langchainDropIn } from './langchain-dropin.js';
import { formatMetricsCost, metricsCost } from './metrics-cost.js';
import { formatOpenAIFetch, openaiFetchBench } from './openai-fetch.js';
import { formatReport, runBenchmarks, type ScenarioName, scenarioNames } from './report.js';
import { formatRouterPlan, routerPlan } from './router-plan.js';
import { fullSize, quickSize, type BenchSize } from './scenarios.js';

/**
 * The sections that run after the scenarios, in this order (`--only=name,…` picks some):
 * each runs its own sides in this one process run and prints its own table.
 */
const sections: { name: string; run: (size: BenchSize) => Promise<string> | string }[] = [
  // The AI SDK drop-in vs @ai-sdk/openai and ai-fallback (./ai-sdk-drop-in.ts).
  { name: 'ai-sdk', run: async (size) => `\n${formatAiSdkDropIn(await aiSdkDropIn(size))}` },
  // LangChain's ChatModelmux vs ChatOpenAI and withFallbacks (./langchain-dropin.ts).
  {
    name: 'langchain',
    run: async (size) => `\n${formatLangchainDropIn(await langchainDropIn(size))}`,
  },
  // The openai SDK through factory.openaiFetch() vs on its own fetch (./openai-fetch.ts).
  { name: 'openai-fetch', run: async (size) => formatOpenAIFetch(await openaiFetchBench(size)) },
  // router.plan's cost (./router-plan.ts).
  { name: 'router', run: (size) => formatRouterPlan(routerPlan(size)) },
  // createMetrics' CPU per request (./metrics-cost.ts), last.
  { name: 'metrics', run: async (size) => formatMetricsCost(await metricsCost(size)) },
];
const sectionNames = sections.map((section) => section.name);

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const asked = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;
const only = (asked?.filter((name) => !sectionNames.includes(name)) ?? [
  ...scenarioNames,
]) as ScenarioName[];
const unknown = only.filter((name) => !scenarioNames.includes(name));
if (unknown.length > 0) {
  console.error(
    `Unknown scenario(s) ${unknown.join(', ')}; use ${[...scenarioNames, ...sectionNames].join(', ')}`,
  );
  process.exit(2);
}
const size = quick ? quickSize : fullSize;
const started = performance.now();
runBenchmarks(size, only, (line) => console.error(`[bench] ${line}`)).then(
  async (results) => {
    console.log(formatReport(results, size));
    for (const section of sections)
      if (!asked || asked.includes(section.name)) console.log(await section.run(size));
    console.error(`[bench] done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
