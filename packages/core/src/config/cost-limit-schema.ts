import { z } from 'zod';
import { expected, usdSchema } from './schema-helpers.js';

/** A daily or monthly cost limit after parsing: an optional global cap and caps per provider. */
export interface CostLimit {
  /** USD across all providers. */
  global?: number;
  /** USD per provider instance name. */
  perProvider: Record<string, number>;
}

const CostLimitObjectSchema = z.strictObject({
  global: usdSchema('50').optional(),
  perProvider: z
    .record(z.string(), usdSchema('20'), {
      error: expected('an object of provider name → USD, e.g. { openai: 20 }'),
    })
    .optional(),
});

/**
 * A cost limit: a number (USD, global) or `{ global?, perProvider? }`. Always parsed to the object
 * form, so `10` becomes `{ global: 10, perProvider: {} }`.
 */
export const CostLimitSchema = z
  .union([usdSchema('50'), CostLimitObjectSchema], {
    error: expected(
      'USD as a number (global) or { global?: number, perProvider?: { [provider]: number } }',
    ),
  })
  .transform((value): CostLimit =>
    typeof value === 'number'
      ? { global: value, perProvider: {} }
      : { global: value.global, perProvider: value.perProvider ?? {} },
  );

/** The keys of the object form, for spelling hints. */
export const costLimitKeys = Object.keys(CostLimitObjectSchema.shape);
