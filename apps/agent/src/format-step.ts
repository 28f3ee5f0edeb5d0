import type { AgentStep } from './agent.js';

const usd = (cost: number | undefined) => (cost === undefined ? 'unknown' : `$${cost.toFixed(6)}`);
const short = (value: unknown, max = 80) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** One step as a line (plus a line per tool call): kind, provider/model, cost, latency, tokens. */
export function formatStep(step: AgentStep): string {
  const head = `step ${step.n} · ${step.kind.padEnd(14)} → ${step.provider}/${step.model} · ${step.strategy} · ${usd(step.costUsd)} · ${Math.round(step.latencyMs)} ms · ${step.usage.inputTokens}+${step.usage.outputTokens} tokens${step.fallbacks.length ? ` · fell back from ${step.fallbacks.join(', ')}` : ''}`;
  const calls = step.toolCalls.map(
    (c) => `    ${c.name}(${short(c.args, 60)}) ${c.error ? '✗' : '='} ${short(c.result)}`,
  );
  if (step.toolCalls.length === 0 && step.kind === 'tool-selection')
    calls.push('    no tool needed');
  return [head, ...calls].join('\n');
}
