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

/** Validates one complete catalogue entry (`ModelInfo`). */
export const ModelInfoSchema = z.strictObject({
  id: nonEmptyStringSchema('the model id', '"gpt-4o-mini"'),
  provider: nonEmptyStringSchema('the vendor family', '"openai"'),
  inputPerMTok: usdSchema('2.5'),
  outputPerMTok: usdSchema('10'),
  cachedInputPerMTok: usdSchema('1.25').optional(),
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
