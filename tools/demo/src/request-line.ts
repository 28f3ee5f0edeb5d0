/** What the tour prints about one request: one line, the same columns for every section. */
export interface RequestRecord {
  /** The tour's running request number. */
  n: number;
  /** Who answered (`-` for a refused or failed request). */
  provider: string;
  model: string;
  /** The routing strategy, or the rule, that ordered the providers. */
  routedBy: string;
  latencyMs: number;
  /** Input + output tokens; undefined when unknown. */
  tokens: number | undefined;
  costUsd: number | undefined;
  /** Calls that failed before the answer: `openai ✗ rate_limit 429`. */
  fallbacks: string[];
  /** Set when the request got no answer: the error's name and message. */
  error?: string;
  /** Why routing skipped a provider for this request, when the tour knows (`openai skipped: cooling down`). */
  note?: string;
}

/**
 * An error's name as the package exports it (`BudgetExceededError`): modelmux errors carry a
 * prefixed `name` (`ModelmuxBudgetExceededError`), their class is the export.
 */
export function errorName(error: Error): string {
  const className = error.constructor.name;
  return className && className !== 'Error' && error.name.endsWith(className)
    ? className
    : error.name;
}

/** USD for one request (small sums), `?` when unknown. */
export function usd(cost: number | undefined): string {
  if (cost === undefined) return '$?';
  return cost >= 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(6)}`;
}

/**
 * One request as one line: number, provider, model, strategy or rule, latency, tokens, cost and
 * the fallback taken.
 *
 * @example
 * formatRequestLine(record);
 * // "  #14 anthropic  claude-haiku-4-5        manual          9 ms    61 tok  $0.000067  fallback: openai ✗ rate_limit 429"
 */
export function formatRequestLine(r: RequestRecord): string {
  const head = `  #${String(r.n).padEnd(3)}${r.provider.padEnd(10)} ${r.model.padEnd(24)} ${r.routedBy.padEnd(30)}`;
  if (r.error !== undefined)
    return `${head} ${`${r.latencyMs} ms`.padStart(7)}  refused: ${r.error}`;
  const tokens = r.tokens === undefined ? '?' : String(r.tokens);
  const fallback = r.fallbacks.length > 0 ? `fallback: ${r.fallbacks.join(' → ')}` : 'no fallback';
  const note = r.note !== undefined ? ` (${r.note})` : '';
  return `${head} ${`${r.latencyMs} ms`.padStart(7)} ${`${tokens} tok`.padStart(8)}  ${usd(r.costUsd).padEnd(10)} ${fallback}${note}`;
}
