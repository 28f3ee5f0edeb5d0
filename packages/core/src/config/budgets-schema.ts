import { z } from 'zod';
import { expected, nonNegativeIntSchema, positiveIntSchema, usdSchema } from './schema-helpers.js';

/** `store`: where budgets, rate-limit windows and shared provider marks live. */
export const StoreConfigSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('memory') }),
    z.strictObject({
      type: z.literal('redis'),
      url: z
        .string({ error: expected("a Redis URL such as 'redis://127.0.0.1:6379'") })
        .regex(/^rediss?:\/\//, "expected a URL starting with 'redis://' or 'rediss://'"),
      prefix: z
        .string({ error: expected("a key prefix such as 'modelmux:'", { showText: true }) })
        .optional(),
      timeoutMs: positiveIntSchema('milliseconds', '250').optional(),
      onError: z
        .enum(['fail-closed', 'fail-open'], {
          error: expected("'fail-closed' (the default) or 'fail-open'", { showText: true }),
        })
        .optional(),
    }),
  ],
  {
    error: expected("{ type: 'memory' } or { type: 'redis', url: 'redis://…', prefix?: '…' }"),
  },
);

/** A parsed `store` setting. */
export type StoreConfig = z.output<typeof StoreConfigSchema>;

const PeriodLimitsObjectSchema = z.strictObject({
  daily: usdSchema('2').optional(),
  monthly: usdSchema('40').optional(),
});

/** Daily and monthly USD limits; a number is a daily limit. Parsed to `{ daily?, monthly? }`. */
export const PeriodLimitsSchema = z
  .union([usdSchema('2'), PeriodLimitsObjectSchema], {
    error: expected('USD as a number (daily) or { daily?: number, monthly?: number }'),
  })
  .transform((value): PeriodLimits =>
    typeof value === 'number' ? { daily: value } : { ...value },
  );

/** Daily and monthly limits in USD, for one user, one tag, or each user. */
export interface PeriodLimits {
  daily?: number;
  monthly?: number;
}

/** `costLimitPerTag`: tag → its limits (requests whose `metadata.tags` contains the tag). */
export const CostLimitPerTagSchema = z.record(z.string(), PeriodLimitsSchema, {
  error: expected('an object of tag → USD or { daily?, monthly? }, e.g. { batch: 5 }'),
});

/** One provider's client-side rate limits. */
export const RateLimitSchema = z
  .strictObject(
    {
      rpm: positiveIntSchema('requests per minute', '500').optional(),
      tpm: positiveIntSchema('tokens per minute', '200000').optional(),
      maxWaitMs: nonNegativeIntSchema('milliseconds', '2000').optional(),
    },
    { error: expected('{ rpm?: number, tpm?: number, maxWaitMs?: number }') },
  )
  .refine((value) => value.rpm !== undefined || value.tpm !== undefined, {
    message: 'set rpm, tpm or both (e.g. { rpm: 500, tpm: 200000 })',
  });

/** One provider's client-side rate limits after parsing. */
export type RateLimitConfig = z.output<typeof RateLimitSchema>;

/** `rateLimits`: provider name → `{ rpm?, tpm?, maxWaitMs? }`. */
export const RateLimitsSchema = z.record(z.string(), RateLimitSchema, {
  error: expected('an object of provider name → { rpm?, tpm? }, e.g. { openai: { rpm: 500 } }'),
});

/** The budget-related config keys, spread into the config object schema. */
export const budgetConfigShape = {
  store: StoreConfigSchema.optional(),
  costLimitPerUser: PeriodLimitsSchema.optional(),
  costLimitPerTag: CostLimitPerTagSchema.optional(),
  rateLimits: RateLimitsSchema.optional(),
};
