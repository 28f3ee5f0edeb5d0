// The agent demo's command line: `npm start -w @modelmux/app-agent -- [--task "…"] [--max-steps N]`.
import {
  createRagApp,
  ingestProgressBar,
  nonEmptyText,
  positiveInteger,
  runCli,
} from '@modelmux/app-rag';
import { Command } from 'commander';
import { createAgent } from './agent.js';
import { createAgentFactory } from './agent-factory.js';
import { defaultTools } from './default-tools.js';
import { formatStep } from './format-step.js';

/** The tasks run when no `--task` is given. */
export const sampleTasks = [
  'What is "(1234 + 766) * 3 / 4"? Use the calculator.',
  'Search the docs for "install the router".',
  'What is the current time in "Europe/Paris"?',
];

const usd = (cost: number | undefined) => (cost === undefined ? 'unknown' : `$${cost.toFixed(6)}`);

const program = new Command()
  .name('modelmux-agent')
  .description(
    'A tool-using agent: a cheap model picks tools, a strong one answers — routed by modelmux rules.',
  )
  .option('-t, --task <text>', 'run one task and exit (default: a few sample tasks)', nonEmptyText)
  .option(
    '-m, --max-steps <n>',
    'model calls per task, the final answer included',
    positiveInteger,
    6,
  )
  .option('--offline', 'use the fake providers even when API keys are set')
  .action(async (opts: { task?: string; maxSteps: number; offline?: boolean }) => {
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const app = await createAgentFactory({ mode: opts.offline ? 'fake' : 'auto' });
    try {
      write(app.describe());
      write('routing: tool-selection steps by cost (rule), synthesis by quality (rule)');
      // search_docs ingests the docs on its first call: show that with the RAG app's progress bar.
      const bar = ingestProgressBar();
      const rag = createRagApp({
        factory: app.factory,
        onProgress: (p) => (p.phase === 'index' ? bar.stop() : bar.onProgress(p)),
      });
      const agent = createAgent({
        factory: app.factory,
        tools: defaultTools({ rag }),
        maxSteps: opts.maxSteps,
      });
      for (const task of opts.task !== undefined ? [opts.task] : sampleTasks) {
        write(`\nTask: ${task}`);
        const result = await agent.run(task, { onStep: (step) => write(formatStep(step)) });
        write(`Answer: ${result.answer.trim()}`);
        write(
          `   ↳ ${result.steps.length} steps (${result.stopReason}) · ${result.usage.inputTokens}+${result.usage.outputTokens} tokens · ${usd(result.costUsd)} · ${result.latencyMs} ms`,
        );
      }
    } finally {
      await app.close();
    }
  });

runCli(program);
