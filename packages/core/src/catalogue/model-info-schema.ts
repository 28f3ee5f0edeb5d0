import { z } from 'zod';
import {
  expected,
  nonEmptyStringSchema,
  nonNegativeIntSchema,
  positiveIntSchema,
  rangeSchema,
  usdSchema,
} from '../config/schema-helpers.js';

const flag = z.boolean({ error: expected('true or false') });

/** Validates a model's capabilities (every flag required). */
export const ModelCapabilitiesSchema = z.strictObject({
  tools: flag,
  vision: flag,
  json: flag,
  streaming: flag,
  embeddings: flag,
});

/** Validates one rate card (the base prices, a service tier's or the long-context tier's). */
export const ModelPricesSchema = z.strictObject({
  inputPerMTok: usdSchema('2.5'),
  outputPerMTok: usdSchema('10'),
  cachedInputPerMTok: usdSchema('1.25').optional(),
  cacheWritePerMTok: usdSchema('3.75').optional(),
  cacheWrite1hPerMTok: usdSchema('6').optional(),
});

/** Validates the long-context tier: its threshold and its prices. */
export const LongContextPricesSchema = ModelPricesSchema.extend({
  aboveInputTokens: positiveIntSchema('tokens', '200000'),
});

/** Validates one complete catalogue entry (`ModelInfo`). */
export const ModelInfoSchema = z.strictObject({
  id: nonEmptyStringSchema('the model id', '"gpt-4o-mini"'),
  provider: nonEmptyStringSchema('the vendor family', '"openai"'),
  inputPerMTok: usdSchema('2.5'),
  outputPerMTok: usdSchema('10'),
  cachedInputPerMTok: usdSchema('1.25').optional(),
  cacheWritePerMTok: usdSchema('3.75').optional(),
  cacheWrite1hPerMTok: usdSchema('6').optional(),
  longContext: LongContextPricesSchema.optional(),
  serviceTiers: z
    .record(z.string().min(1), ModelPricesSchema, {
      error: expected(
        'an object of tier name → prices, e.g. { flex: { inputPerMTok: 0.625, outputPerMTok: 5 } }',
      ),
    })
    .optional(),
  contextWindow: positiveIntSchema('tokens', '128000'),
  maxOutputTokens: nonNegativeIntSchema('tokens', '16384; 0 for embedding models'),
  capabilities: ModelCapabilitiesSchema,
  quality: rangeSchema(0, 1, '0.8'),
  typicalLatencyMs: z.number({ error: expected('a duration in ms ≥ 0 (e.g. 1500)') }).nonnegative(),
  dimensions: positiveIntSchema('dimensions', '1536').optional(),
});

/**
 * Validates an override of a catalogue entry: every field optional (capabilities too, flag by
 * flag). A new model id must still end up complete; `mergeCatalogue` checks that.
 */
export const ModelInfoOverrideSchema = ModelInfoSchema.extend({
  capabilities: ModelCapabilitiesSchema.partial(),
}).partial();
