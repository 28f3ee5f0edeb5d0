import { z } from 'zod';
import type { ChatRequest } from '../chat.js';
import type { IssueSink } from './config-checks.js';
import { routingStrategies } from './names.js';
import { expected } from './schema-helpers.js';

/** A predicate over the request (and its metadata) deciding whether a rule or experiment applies. */
export type RoutingPredicate = (request: ChatRequest<unknown>) => boolean;

/** A value of a metadata match: one value, or a list of accepted values. */
export type MatchValue = string | number | boolean | readonly (string | number | boolean)[];

/**
 * Which requests a rule (or experiment) applies to: metadata fields (`task`, `userId`, `tags`,
 * any other key) with the value (or one of the values) they must have — for `tags`, every listed
 * tag must be present — or a predicate over the request.
 */
export type RoutingMatch = Readonly<Record<string, MatchValue>> | RoutingPredicate;

const matchValue = z.union(
  [z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))],
  { error: expected("a value or a list of values, e.g. 'classify' or ['classify', 'extract']") },
);

const matchSchema = z.union(
  [
    z.custom<RoutingPredicate>((value) => typeof value === 'function', {
      error: expected(
        "metadata fields to match, e.g. { task: 'classify' }, or a predicate (request) => boolean",
      ),
    }),
    z.record(z.string(), matchValue),
  ],
  {
    error: expected(
      "metadata fields to match, e.g. { task: 'classify' }, or a predicate (request) => boolean",
    ),
  },
);

const providerList = z
  .array(z.string().min(1), {
    error: expected("a list of provider names, e.g. ['groq', 'google']"),
  })
  .min(1, { error: 'expected at least one provider name' });

const strategyName = z.enum(routingStrategies, {
  error: expected(`one of ${routingStrategies.map((s) => `'${s}'`).join(', ')}`, {
    showText: true,
  }),
});

/** One conditional routing rule (config key `rules`). */
export const RoutingRuleSchema = z.strictObject(
  {
    /** Shown in the plan as the rule that matched (default `rules[<index>]`). */
    name: z
      .string({ error: expected('a rule name as a string') })
      .min(1)
      .optional(),
    when: matchSchema,
    use: z.union(
      [
        z.string().min(1),
        providerList,
        z.strictObject({ strategy: strategyName }, { error: expected("{ strategy: 'quality' }") }),
      ],
      {
        error: expected(
          "a provider name ('groq'), a list of names (['groq', 'google']) or { strategy: 'quality' }",
        ),
      },
    ),
  },
  {
    error: expected("a rule such as { when: { task: 'classify' }, use: ['groq', 'google'] }"),
  },
);

/** One A/B experiment (config key `experiments`). */
export const ExperimentSchema = z.strictObject(
  {
    name: z.string({ error: expected('an experiment name as a string') }).min(1),
    /** Variant name → the provider that serves it. */
    variants: z.record(z.string().min(1), z.string().min(1), {
      error: expected("an object of variant → provider name, e.g. { A: 'openai', B: 'anthropic' }"),
    }),
    /** Variant name → share (any scale: 50/50, 90/10, 1/1); equal shares when absent. */
    split: z
      .record(z.string(), z.number({ error: expected('a share ≥ 0 (e.g. 50)') }).nonnegative(), {
        error: expected('an object of variant → share, e.g. { A: 50, B: 50 }'),
      })
      .optional(),
    /** Only requests that match take part (default: every request with a `metadata.userId`). */
    when: matchSchema.optional(),
    /** `false` stops assigning users (results are kept). Default true. */
    enabled: z.boolean({ error: expected('true or false') }).optional(),
  },
  {
    error: expected(
      "an experiment such as { name: 'claude-vs-gpt', variants: { A: 'openai', B: 'anthropic' }, split: { A: 50, B: 50 } }",
    ),
  },
);

/** A parsed routing rule. */
export type RoutingRule = z.output<typeof RoutingRuleSchema>;

/** A parsed experiment. */
export type Experiment = z.output<typeof ExperimentSchema>;

/** The `rules` config key: conditional routing, tried in order before the strategy. */
export const RoutingRulesSchema = z.array(RoutingRuleSchema, {
  error: expected("a list of rules, e.g. [{ when: { task: 'classify' }, use: 'groq' }]"),
});

/** The `experiments` config key: A/B tests with sticky assignment by `metadata.userId`. */
export const ExperimentsSchema = z.array(ExperimentSchema, {
  error: expected(
    "a list of experiments, e.g. [{ name: 'ab', variants: { A: 'openai', B: 'anthropic' } }]",
  ),
});

/** The keys of a rule and an experiment, for spelling hints. */
export const routingRuleKeys = Object.keys(RoutingRuleSchema.shape);
export const experimentKeys = Object.keys(ExperimentSchema.shape);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The cross-field rules of `rules` and `experiments`: every provider they name is configured,
 * experiment names are unique, a split names exactly the variants and does not sum to 0.
 */
export function checkRoutingConfig(
  config: { providers?: unknown; rules?: unknown; experiments?: unknown },
  ctx: IssueSink,
): void {
  const names = isRecord(config.providers) ? Object.keys(config.providers) : [];
  const known = names.length ? `configured: ${names.join(', ')}` : 'no provider is configured';
  const checkName = (path: PropertyKey[], name: unknown, where: string) => {
    if (typeof name === 'string' && !names.includes(name))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown provider "${name}" in ${where}: add providers.${name} or name a configured provider (${known})`,
      });
  };
  (Array.isArray(config.rules) ? config.rules : []).forEach((rule: unknown, index) => {
    if (!isRecord(rule)) return;
    const use = rule.use;
    if (typeof use === 'string') checkName(['rules', index, 'use'], use, 'a rule');
    else if (Array.isArray(use))
      use.forEach((name, i) => checkName(['rules', index, 'use', i], name, 'a rule'));
  });
  const seen = new Set<string>();
  (Array.isArray(config.experiments) ? config.experiments : []).forEach(
    (experiment: unknown, index) => {
      if (!isRecord(experiment)) return;
      const path = ['experiments', index];
      if (typeof experiment.name === 'string') {
        if (seen.has(experiment.name))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'name'],
            message: `"${experiment.name}" is used by another experiment: give each a unique name`,
          });
        seen.add(experiment.name);
      }
      const variants = isRecord(experiment.variants) ? experiment.variants : undefined;
      if (!variants) return;
      const variantNames = Object.keys(variants);
      if (variantNames.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'variants'],
          message: "expected at least one variant, e.g. { A: 'openai', B: 'anthropic' }",
        });
      for (const [variant, provider] of Object.entries(variants))
        checkName([...path, 'variants', variant], provider, `experiment variant ${variant}`);
      if (!isRecord(experiment.split)) return;
      const split = experiment.split;
      for (const key of Object.keys(split))
        if (!variantNames.includes(key))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'split', key],
            message: `"${key}" is not a variant (variants: ${variantNames.join(', ')}): remove it or add it to variants`,
          });
      for (const variant of variantNames)
        if (!(variant in split))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'split', variant],
            message: `required: a share for variant "${variant}" (or leave out split for equal shares)`,
          });
      const total = Object.values(split).reduce<number>(
        (sum, share) => sum + (typeof share === 'number' ? share : 0),
        0,
      );
      if (total <= 0)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'split'],
          message: 'the shares add up to 0: give at least one variant a share > 0',
        });
    },
  );
}
