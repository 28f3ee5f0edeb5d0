// `npm run demo`: the modelmux tour. `--offline` uses the fake providers even with API keys set.
import { runCli } from '@modelmux/app-rag';
import { Command } from 'commander';
import { runTour } from './tour.js';

const program = new Command()
  .name('npm run demo --')
  .description(
    'The modelmux tour: RAG, an agent, a chat and a failure drill through one ProviderFactory, on the fake providers (offline) or real ones with API keys.',
  )
  .option('--offline', 'use the fake providers even when API keys are set')
  .action(async (opts: { offline?: boolean }) => {
    const report = await runTour({ mode: opts.offline ? 'fake' : 'auto' });
    if (report.failures.length > 0) process.exitCode = 1;
  });

runCli(program);
