import { z } from 'zod';
import { ModelPricesSchema } from '../catalogue/model-info-schema.js';
import {
  expected,
  nonEmptyStringSchema,
  positiveIntSchema,
  rangeSchema,
} from './schema-helpers.js';

/** Validates a provider's `unknownPrice`: 'refuse', 'warn' or a price. */
export const UnknownPriceSchema = z.union(
  [z.literal('refuse'), z.literal('warn'), ModelPricesSchema],
  {
    error: expected(
      "'refuse', 'warn' or a price such as { inputPerMTok: 0, outputPerMTok: 0 } (USD per 1M tokens)",
      { showText: true },
    ),
  },
);

/** Validates one provider instance of the config (`providers.<name>`). */
export const ProviderConfigSchema = z.strictObject({
  /** The adapter: 'openai' | 'anthropic' | 'google' | 'groq' | any registered type; defaults to the name for those four. */
  type: z
    .string({
      error: expected(
        "a provider type such as 'openai' (use 'openai' for OpenAI-compatible servers)",
        { showText: true },
      ),
    })
    .min(1)
    .optional(),
  // Never echo the value: this is a secret.
  apiKey: z
    .string({
      error: expected('the API key as a string (prefer reading it from an environment variable)', {
        secret: true,
      }),
    })
    .regex(/^\S+$/, {
      error:
        'expected a non-empty API key without spaces or line breaks (check for a stray newline when it was pasted)',
    })
    .optional(),
  baseURL: z
    .url({
      protocol: /^https?$/,
      error:
        'expected an http(s) URL such as "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1"',
    })
    .optional(),
  model: nonEmptyStringSchema('the default chat model id', '"gpt-4o-mini"').optional(),
  embeddingModel: nonEmptyStringSchema(
    'the default embedding model id',
    '"text-embedding-3-small"',
  ).optional(),
  temperature: rangeSchema(0, 2, '0.7').optional(),
  maxTokens: positiveIntSchema('output tokens', '1024').optional(),
  weight: z
    .number({ error: expected('a routing weight ≥ 0 (e.g. 1)') })
    .nonnegative()
    .optional(),
  quality: rangeSchema(0, 1, '0.8').optional(),
  timeoutMs: positiveIntSchema('milliseconds', '30000').optional(),
  // Header values may carry credentials: never echoed.
  headers: z
    .record(z.string(), z.string({ error: 'expected a string header value' }), {
      error: expected('an object of header name → string value', { secret: true }),
    })
    .optional(),
  /**
   * What a model missing from the catalogue costs: 'refuse', 'warn' (charged at core's
   * `fallbackUnknownPrice`, one warning) or `{ inputPerMTok, outputPerMTok }` (0 and 0 for a
   * local model). Unset: refused under a cost limit, `costUsd: undefined` otherwise.
   */
  unknownPrice: UnknownPriceSchema.optional(),
  enabled: z.boolean({ error: expected('true or false') }).default(true),
  /** Adapter-specific settings passed through untouched (e.g. `{ organization: 'org-…' }`). */
  options: z
    .record(z.string(), z.unknown(), { error: expected('an object of adapter-specific settings') })
    .optional(),
});

/** One provider instance as written in the config. */
export type ProviderConfigInput = z.input<typeof ProviderConfigSchema>;
