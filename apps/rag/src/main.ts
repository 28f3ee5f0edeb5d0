// The RAG demo's command line: `npm start -w @modelmux/app-rag -- [--question "…"]`.
import { Command } from 'commander';
import { createAppFactory } from './app-factory.js';
import { nonEmptyText, positiveInteger, runCli } from './cli-options.js';
import { ingestProgressBar } from './progress-bar.js';
import { createRagApp, type RagAnswer } from './rag-app.js';

/** The questions asked when no `--question` is given. */
export const sampleQuestions = [
  'How do I install the router?',
  'How are API keys kept out of logs?',
  'What does the fake return for embeddings?',
];

const usd = (cost: number | undefined) => (cost === undefined ? 'unknown' : `$${cost.toFixed(6)}`);

function print(a: RagAnswer, write: (line: string) => void): void {
  write(`\nQ: ${a.question}`);
  write(`A: ${a.answer.trim()}`);
  for (const c of a.citations) write(`   [${c.n}] ${c.label}`);
  write(
    `   ↳ ${a.provider}/${a.model} · strategy ${a.strategy} · ${a.latencyMs} ms · ${a.usage.inputTokens}+${a.usage.outputTokens} tokens · ${usd(a.costUsd)} · ${a.retrieval.mode} retrieval`,
  );
}

const program = new Command()
  .name('modelmux-rag')
  .description('Answers questions about modelmux from its own docs, routed by modelmux.')
  .option(
    '-q, --question <text>',
    'ask one question and exit (default: a few sample questions)',
    nonEmptyText,
  )
  .option('-k, --top <n>', 'chunks of context per answer', positiveInteger, 4)
  .option('--offline', 'use the fake providers even when API keys are set')
  .action(async (opts: { question?: string; top: number; offline?: boolean }) => {
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const app = await createAppFactory({ mode: opts.offline ? 'fake' : 'auto' });
    try {
      write(app.describe());
      const bar = ingestProgressBar();
      const rag = createRagApp({
        factory: app.factory,
        topK: opts.top,
        onProgress: bar.onProgress,
      });
      const report = await rag.ingest().finally(bar.stop);
      write(
        `ingested ${report.documents} documents → ${report.chunks} chunks, embedded by ${report.embeddingProvider}/${report.embeddingModel} (${report.dimensions} dimensions, ${report.calls} calls, ${usd(report.costUsd)}) in ${report.latencyMs} ms`,
      );
      for (const question of opts.question !== undefined ? [opts.question] : sampleQuestions)
        print(await rag.ask(question), write);
    } finally {
      await app.close();
    }
  });

runCli(program);
