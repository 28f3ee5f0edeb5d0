import type { ProviderFactory } from 'modelmux';
import type { ChatStats, ChatTurn } from './chatbot-types.js';

/** USD with enough digits for the small sums of one chat turn; `?` when the price is unknown. */
export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return '$?';
  return usd === 0 ? '$0' : `$${usd < 0.01 ? usd.toFixed(6) : usd.toFixed(4)}`;
}

/** How the turn was routed: `complexity: simple → cost`, `quality`, `pinned openai`. */
export function routedBy(turn: Pick<ChatTurn, 'strategy' | 'complexity' | 'pinned'>): string {
  const strategy =
    turn.complexity !== undefined
      ? `${turn.strategy}: ${turn.complexity.class} → ${turn.complexity.strategy}`
      : turn.strategy;
  return turn.pinned !== undefined ? `pinned ${turn.pinned}, then ${strategy}` : strategy;
}

/** The one line printed under each answer. */
export function formatTurnLine(turn: ChatTurn): string {
  const parts = [
    `${turn.provider} · ${turn.model}`,
    routedBy(turn),
    `${turn.latencyMs} ms`,
    turn.stopped ? '? tokens' : `${turn.usage.inputTokens}+${turn.usage.outputTokens} tokens`,
    formatUsd(turn.costUsd),
    turn.fallbacks.length > 0 ? `fallback: ${turn.fallbacks.join(', ')}` : 'no fallback',
    `memory ${turn.memory.messages} msgs/${turn.memory.tokens} tok${
      turn.memory.dropped > 0 ? ` (dropped ${turn.memory.dropped})` : ''
    }`,
  ];
  return `  ↳ ${parts.join(' · ')}${turn.stopped ? ' · stopped' : ''}`;
}

/** `/providers`: each provider with its model, context window, prices, quality and state. */
export function formatProviders(factory: ProviderFactory, pinned: string | undefined): string {
  const rows = factory.listProviders().map((name) => {
    const info = factory.getProviderInfo(name);
    return [
      name,
      info.model,
      info.contextWindow?.toLocaleString('en-US') ?? '?',
      price(info.costPer1kInput),
      price(info.costPer1kOutput),
      info.quality?.toFixed(2) ?? '?',
      info.available ? 'yes' : 'no',
      name === pinned ? '← pinned' : '',
    ];
  });
  return table(
    ['provider', 'model', 'context', 'in/1k', 'out/1k', 'quality', 'available', ''],
    rows,
  );
}

function price(usd: number | undefined): string {
  return usd === undefined ? '?' : `$${Number(usd.toPrecision(4))}`;
}

/** `/stats`: this conversation, its memory, and the factory's metrics per provider. */
export function formatStats(stats: ChatStats, factory: ProviderFactory): string {
  const lines = [
    `turns ${stats.turns} (${stats.stopped} stopped, ${stats.errors} failed) · ${formatUsd(stats.costUsd)} · tokens in ${stats.inputTokens} / out ${stats.outputTokens}`,
    `routing: strategy ${stats.strategy}${stats.pinned ? `, pinned ${stats.pinned}` : ''}`,
    `memory: ${stats.memory.messages} messages, ${stats.memory.tokens} of ${stats.memory.budget} tokens (context window ${stats.memory.contextWindow} − ${stats.memory.reservedForAnswer} for the answer), ${stats.memory.dropped} dropped`,
  ];
  const byProvider = Object.entries(stats.byProvider);
  if (byProvider.length > 0)
    lines.push(
      `answers by provider: ${byProvider.map(([name, s]) => `${name} ${s.turns} (${formatUsd(s.costUsd)})`).join(', ')}`,
    );
  const metrics = factory.getProviderMetrics();
  const rows = Object.entries(metrics.byProvider).map(([name, m]) => [
    name,
    String(m.totalRequests),
    `${Math.round(m.successRate * 100)}%`,
    m.p50LatencyMs === undefined ? '-' : `${Math.round(m.p50LatencyMs)} ms`,
    String(m.tokens.input + m.tokens.output),
    formatUsd(m.totalCostUsd),
    String(m.fallbacks),
  ]);
  if (rows.length > 0)
    lines.push(
      'calls (factory.getProviderMetrics()):',
      table(['provider', 'calls', 'success', 'p50', 'tokens', 'cost', 'fallbacks'], rows),
    );
  return lines.join('\n');
}

/** A plain-text table with left-aligned, space-padded columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}
