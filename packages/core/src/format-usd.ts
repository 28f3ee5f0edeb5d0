/**
 * A USD amount for people: four significant digits at most, never an exponent or float noise
 * (`$0.0001538`, `$0.0000001`, `$12.5`, `$0`).
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return `$${usd}`;
  if (usd === 0) return '$0';
  const magnitude = Math.floor(Math.log10(Math.abs(usd)));
  const decimals = Math.min(12, Math.max(2, 3 - magnitude));
  const text = usd.toFixed(decimals).replace(/\.?0+$/, '');
  return `$${text}`;
}
