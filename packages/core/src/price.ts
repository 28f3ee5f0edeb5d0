import { defaultCatalogue } from './catalogue/default-catalogue.js';
import { getModelInfo } from './catalogue/get-model-info.js';
import type { ModelCatalogue, ModelInfo, ModelPrices } from './catalogue/model-info.js';
import { ConfigError } from './errors/config-error.js';

/**
 * What a model with no known price costs (a provider setting, `providers.<name>.unknownPrice`):
 * - `'refuse'`: no call is made; a `ConfigError` names the model and the fix;
 * - `'warn'`: charged at `fallbackUnknownPrice` (a high list price, so limits err towards
 *   stopping), with one warning per model;
 * - `{ inputPerMTok, outputPerMTok }`: charged at that price, silently (0 and 0 for a local model).
 *
 * Left unset: a call under a cost limit is refused as with `'refuse'`; a call under no cost
 * limit runs with `costUsd: undefined` (unknown, never 0) and one warning per model.
 */
export type UnknownPrice = 'refuse' | 'warn' | ModelPrices;

/** The stated price of `unknownPrice: 'warn'`: USD per 1M tokens (Claude Opus 4.1's list price). */
export const fallbackUnknownPrice: Readonly<ModelPrices> = Object.freeze({
  inputPerMTok: 15,
  outputPerMTok: 75,
});

/** Where prices are looked up, and what an unknown one costs. */
export interface PriceOptions {
  /** The catalogue (default: core's `defaultCatalogue`). */
  catalogue?: ModelCatalogue | undefined;
  unknownPrice?: UnknownPrice | undefined;
  /** Receives the one warning per model of `'warn'` and of the unset default (default: `console.warn`). */
  warn?: ((message: string) => void) | undefined;
}

/** A price card as `estimateCost` reads it: a catalogue entry, or the unknown price charged. */
export type PriceCard = ModelPrices & Partial<Pick<ModelInfo, 'longContext' | 'serviceTiers'>>;

const warned = new Set<string>();
const maxWarned = 1_000;

function warnOnce(model: string, message: string, warn: PriceOptions['warn']): void {
  if (warned.has(model)) return;
  if (warned.size >= maxWarned) warned.clear();
  warned.add(model);
  (warn ?? ((text: string) => globalThis.console?.warn(text)))(message);
}

/**
 * The one price lookup `estimateCost`, `predictCost`, the adapters and budgets share: the
 * catalogue entry (exact id, snapshot or fine-tune base), else what `unknownPrice` says.
 * `undefined` means unknown (`'refuse'` or unset): the caller decides; never a silent 0.
 */
export function resolvePrice(
  model: string | ModelInfo,
  options: PriceOptions = {},
): PriceCard | undefined {
  if (typeof model !== 'string') return model;
  const info = getModelInfo(model, options.catalogue ?? defaultCatalogue);
  if (info) return info;
  const unknown = options.unknownPrice;
  if (unknown === 'warn') {
    warnOnce(
      model,
      `modelmux: no price is known for model "${model}"; charging the fallback of $${fallbackUnknownPrice.inputPerMTok}/$${fallbackUnknownPrice.outputPerMTok} per 1M input/output tokens (unknownPrice: 'warn'). Add it to the catalogue to charge its real price.`,
      options.warn,
    );
    return fallbackUnknownPrice;
  }
  if (unknown !== undefined && unknown !== 'refuse') return unknown;
  if (unknown === undefined && typeof model === 'string' && model !== '')
    warnOnce(
      model,
      `modelmux: no price is known for model "${model}", so its calls report costUsd: undefined and a cost limit refuses them. Add it to the catalogue, or set the provider's unknownPrice ('warn', or { inputPerMTok, outputPerMTok }; 0 and 0 for a local model).`,
      options.warn,
    );
  return undefined;
}

/**
 * The `ConfigError` of a call to a model whose price is unknown when it must be known (a cost
 * limit applies, or `unknownPrice: 'refuse'`): names the model and the two fixes.
 */
export function unknownPriceError(provider: string, model: string, why: string): ConfigError {
  return new ConfigError({
    issues: [
      {
        path: `providers.${provider}.unknownPrice`,
        message:
          `no price is known for model "${model}" and ${why}, so the call was not made. ` +
          `Add its price to the catalogue (catalogue: { "${model}": { inputPerMTok, outputPerMTok, … } }) ` +
          `or set providers.${provider}.unknownPrice to { inputPerMTok, outputPerMTok } ` +
          `(0 and 0 for a local model) or 'warn' (charged $${fallbackUnknownPrice.inputPerMTok}/$${fallbackUnknownPrice.outputPerMTok} per 1M tokens)`,
      },
    ],
  });
}

/**
 * Throws `unknownPriceError` when `unknownPrice` is `'refuse'` and `model` has no price: the
 * check adapters run before a call (through `ProviderCallOptions.checkPrice`).
 */
export function assertPriceKnown(provider: string, model: string, options: PriceOptions): void {
  if (options.unknownPrice !== 'refuse') return;
  if (getModelInfo(model, options.catalogue ?? defaultCatalogue)) return;
  throw unknownPriceError(provider, model, "the provider's unknownPrice is 'refuse'");
}

/** USD rounded to 1e-10 (a ten-thousandth of a cent; far below any token's price): no float noise. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}
