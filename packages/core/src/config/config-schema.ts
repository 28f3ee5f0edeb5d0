import { z } from 'zod';
import type { CatalogueOverrides } from '../catalogue/merge-catalogue.js';
import { checkConfig } from './config-checks.js';
import { budgetConfigShape } from './budgets-schema.js';
import { AlertIntervalSchema, AlertRulesSchema, DefaultAlertsSchema } from './alerts-schema.js';
import { CacheSchema } from './cache-schema.js';
import { CostLimitSchema } from './cost-limit-schema.js';
import { HooksSchema } from './hooks-schema.js';
import { routingStrategies } from './names.js';
import { ProviderConfigSchema } from './provider-config-schema.js';
import { checkRoutingConfig, ExperimentsSchema, RoutingRulesSchema } from './routing-schema.js';
import { expected, nonNegativeIntSchema, positiveIntSchema, usdSchema } from './schema-helpers.js';

const providerName = z
  .string({ error: expected("a provider name such as 'openai'", { showText: true }) })
  .min(1);

/** The object shape of the config, before the cross-field checks and defaults. */
const ConfigObjectSchema = z.strictObject(
  {
    primaryProvider: providerName.optional(),
    routingStrategy: z
      .enum(routingStrategies, {
        error: expected(`one of ${routingStrategies.map((s) => `'${s}'`).join(', ')}`, {
          showText: true,
        }),
      })
      .optional(),
    enableFallback: z.boolean({ error: expected('true or false') }).default(true),
    fallbackProviders: z
      .array(providerName, {
        error: expected("a list of provider names, e.g. ['anthropic', 'groq']"),
      })
      .default([]),
    providers: z
      .record(z.string(), ProviderConfigSchema, {
        error: expected('an object of provider name → settings, e.g. { openai: { apiKey } }'),
      })
      .default({}),
    costLimitPerRequest: z
      .record(z.string(), usdSchema('0.10'), {
        error: expected('an object of provider name → USD, e.g. { openai: 0.10 }'),
      })
      .default({}),
    dailyCostLimit: CostLimitSchema.optional(),
    monthlyCostLimit: CostLimitSchema.optional(),
    ...budgetConfigShape,
    timeoutMs: positiveIntSchema('milliseconds', '30000').default(30_000),
    maxRetries: nonNegativeIntSchema('retries', '2').default(2),
    // Validated entry by entry in the cross-field checks (partial for known ids, complete for new ones).
    catalogue: z.custom<CatalogueOverrides>().optional(),
    // Alert rules (@modelmux/metrics): the user's rules, the four defaults unless false, how often.
    alerts: AlertRulesSchema.optional(),
    defaultAlerts: DefaultAlertsSchema.default(true),
    alertIntervalMs: AlertIntervalSchema.default(15_000),
    cache: CacheSchema.optional(),
    hooks: HooksSchema.optional(),
    rules: RoutingRulesSchema.optional(),
    experiments: ExperimentsSchema.optional(),
    // Exploration (@modelmux/router): latency/adaptive sometimes try a provider with no recent data.
    exploration: z
      .strictObject(
        {
          rate: z
            .number({ error: expected('a share from 0 to 1, e.g. 0.05') })
            .min(0, { error: expected('a share from 0 to 1, e.g. 0.05') })
            .max(1, { error: expected('a share from 0 to 1, e.g. 0.05') }),
        },
        { error: expected('{ rate }, e.g. { rate: 0.05 }') },
      )
      .optional(),
    // Session affinity (@modelmux/router): metadata.sessionId keeps a conversation on one provider.
    sessionAffinity: z
      .union(
        [
          z.boolean(),
          z.strictObject({
            ttlMs: positiveIntSchema('milliseconds', '1800000').optional(),
            maxSessions: positiveIntSchema('sessions', '100000').optional(),
          }),
        ],
        { error: expected('true, false or { ttlMs, maxSessions }') },
      )
      .optional(),
  },
  {
    error: expected(
      'a config object, e.g. { providers: { openai: { apiKey: process.env.OPENAI_API_KEY } } }',
    ),
  },
);

/** The top-level keys of the config, for spelling hints. */
export const configKeys = Object.keys(ConfigObjectSchema.shape);

/** The keys of one provider's settings, for spelling hints. */
export const providerConfigKeys = Object.keys(ProviderConfigSchema.shape);

/**
 * The modelmux configuration schema. Parsing fills the defaults (`enableFallback: true`,
 * `timeoutMs: 30000`, `maxRetries: 2`, `routingStrategy: 'manual'` when a primary is named and
 * `'cost'` otherwise, each provider's `type` from its name), normalises cost limits to
 * `{ global?, perProvider }`, and runs the cross-field checks.
 */
export const MultiLLMConfigSchema = ConfigObjectSchema.superRefine(checkConfig)
  .superRefine(checkRoutingConfig)
  .transform((config) => ({
    ...config,
    routingStrategy:
      config.routingStrategy ?? (config.primaryProvider !== undefined ? 'manual' : 'cost'),
    providers: Object.fromEntries(
      Object.entries(config.providers).map(([name, provider]) => [
        name,
        { ...provider, type: provider.type ?? name },
      ]),
    ),
  }));

/** A parsed, validated configuration (defaults filled in). */
export type MultiLLMConfig = z.output<typeof MultiLLMConfigSchema>;

/** A configuration as a user writes it (before defaults). */
export type MultiLLMConfigInput = z.input<typeof MultiLLMConfigSchema>;

/** One provider's settings in a parsed configuration (`type` and `enabled` filled in). */
export type ProviderConfig = MultiLLMConfig['providers'][string];
