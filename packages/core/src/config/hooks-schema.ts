import { z } from 'zod';
import type { ChatRequest, ChatResult } from '../chat.js';
import { expected, positiveIntSchema } from './schema-helpers.js';

/** What a hook knows about the request it runs for. */
export interface HookContext {
  /** The id the routed result will carry (`requestId`). */
  requestId: string;
  /** `generate` for `invoke` / `generateContent` / `batch`, `stream` for `stream`. */
  operation: 'generate' | 'stream';
  /** The provider the caller pinned (`getProvider('anthropic')`), if any. */
  provider: string | undefined;
  /** For `afterResponse`: the provider that answered. */
  answeredBy?: string;
}

/** Runs before routing; returns the (possibly changed) request. May be async. */
export type BeforeRequestHook = (
  request: ChatRequest,
  context: HookContext,
) => ChatRequest | Promise<ChatRequest>;

/** Runs on each answer (not on cache hits' way out of the cache); returns the (possibly changed) result. May be async. */
export type AfterResponseHook = (
  result: ChatResult,
  context: HookContext,
) => ChatResult | Promise<ChatResult>;

/** What `formatRequest` knows about the call it formats. */
export interface FormatRequestContext {
  requestId: string;
  /** The provider instance about to be called (each fallback gets its own call). */
  provider: string;
  /** Its vendor family (`openai`, `anthropic`, …). */
  type: string;
  /** The model about to be used, when the plan names one. */
  model: string | undefined;
}

/**
 * Runs before each call to a provider (the primary and every fallback), after routing: the
 * place for provider-specific prompt formatting. Returns the request to send. May be async.
 */
export type FormatRequestHook = (
  request: ChatRequest,
  context: FormatRequestContext,
) => ChatRequest | Promise<ChatRequest>;

/** The hooks after parsing, with the built-in input checks' settings filled in. */
export interface HooksConfig {
  beforeRequest?: BeforeRequestHook;
  afterResponse?: AfterResponseHook;
  formatRequest?: FormatRequestHook;
  /** The built-in input check: requests whose message text is longer are refused (default 500 000 characters). */
  maxInputChars: number;
  /** The built-in input cleaning: control characters other than tab and line breaks are removed (default true). */
  stripControlCharacters: boolean;
}

/** Defaults of the built-in input checks. */
export const defaultHooksConfig: HooksConfig = {
  maxInputChars: 500_000,
  stripControlCharacters: true,
};

function hookSchema<T>(what: string) {
  return z.custom<T>((value) => typeof value === 'function', {
    error: expected(`a function ${what}`),
  });
}

const HooksObjectSchema = z.strictObject({
  beforeRequest: hookSchema<BeforeRequestHook>(
    '(request, context) => request (may be async)',
  ).optional(),
  afterResponse: hookSchema<AfterResponseHook>(
    '(result, context) => result (may be async)',
  ).optional(),
  formatRequest: hookSchema<FormatRequestHook>(
    '(request, { provider, type, model }) => request (may be async)',
  ).optional(),
  maxInputChars: positiveIntSchema('characters', '500000').optional(),
  stripControlCharacters: z.boolean({ error: expected('true or false') }).optional(),
});

/**
 * The `hooks` key: `{ beforeRequest?, afterResponse?, formatRequest?, maxInputChars?,
 * stripControlCharacters? }`, parsed to a `HooksConfig` with the built-in input checks' defaults filled in. Without the key
 * the meta-package uses `defaultHooksConfig` (the checks are on by default).
 */
export const HooksSchema = HooksObjectSchema.transform((value): HooksConfig => ({
  ...(value?.beforeRequest && { beforeRequest: value.beforeRequest }),
  ...(value?.afterResponse && { afterResponse: value.afterResponse }),
  ...(value?.formatRequest && { formatRequest: value.formatRequest }),
  maxInputChars: value?.maxInputChars ?? defaultHooksConfig.maxInputChars,
  stripControlCharacters:
    value?.stripControlCharacters ?? defaultHooksConfig.stripControlCharacters,
}));

/** The keys of the hooks object, for spelling hints. */
export const hooksKeys = Object.keys(HooksObjectSchema.shape);
