import type { LanguageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider';

type SamplingSetting = 'topK' | 'presencePenalty' | 'frequencyPenalty' | 'seed';

/**
 * The AI SDK settings modelmux's `ChatRequest` has no field for, and where each provider type
 * takes them: a body field (`providerOptions[type][field]`) or a Gemini `generationConfig` field.
 */
const vendorFields: Record<SamplingSetting, Record<string, string>> = {
  topK: { anthropic: 'top_k', google: 'generationConfig.topK' },
  presencePenalty: { openai: 'presence_penalty', google: 'generationConfig.presencePenalty' },
  frequencyPenalty: { openai: 'frequency_penalty', google: 'generationConfig.frequencyPenalty' },
  seed: { openai: 'seed', groq: 'seed', google: 'generationConfig.seed' },
};

const samplingSettings = Object.keys(vendorFields) as SamplingSetting[];

type VendorOptions = Record<string, Record<string, unknown>>;

function put(options: VendorOptions, type: string, path: string, value: number): void {
  const vendor = (options[type] ??= {});
  const [first, second] = path.split('.') as [string, string | undefined];
  if (second === undefined) vendor[first] = value;
  else
    vendor[first] = { ...(vendor[first] as Record<string, unknown> | undefined), [second]: value };
}

/**
 * Puts `topK`, the penalties and `seed` into `providerOptions` for each provider type that takes
 * them (the caller's own `providerOptions` win), and warns, naming them, about the configured
 * providers whose type ignores a setting that was given. `providerTypes` is read only when one
 * of these settings is set.
 */
export function samplingProviderOptions(
  call: Pick<LanguageModelV3CallOptions, SamplingSetting>,
  providerTypes: () => Record<string, string>,
  warnings: SharedV3Warning[],
): VendorOptions | undefined {
  const given = samplingSettings.filter((setting) => call[setting] !== undefined);
  if (given.length === 0) return undefined;
  const types = providerTypes();
  const options: VendorOptions = {};
  for (const setting of given) {
    const fields = vendorFields[setting];
    for (const [type, path] of Object.entries(fields))
      put(options, type, path, call[setting] as number);
    const ignoring = Object.entries(types)
      .filter(([, type]) => fields[type] === undefined)
      .map(([name]) => name);
    if (ignoring.length > 0)
      warnings.push({
        type: 'unsupported',
        feature: setting,
        details: `sent to ${Object.keys(fields).join(', ')} providers; ignored by ${ignoring.join(', ')} when routed there`,
      });
  }
  return options;
}

/** Merges the caller's `providerOptions` over ours (Gemini's `generationConfig` field by field). */
export function mergeVendorOptions(
  ours: VendorOptions | undefined,
  theirs: VendorOptions,
): VendorOptions {
  if (!ours) return theirs;
  const merged: VendorOptions = { ...ours };
  for (const [type, fields] of Object.entries(theirs)) {
    const base = merged[type] ?? {};
    const generationConfig =
      base['generationConfig'] !== undefined || fields['generationConfig'] !== undefined
        ? {
            generationConfig: {
              ...(base['generationConfig'] as object | undefined),
              ...(fields['generationConfig'] as object | undefined),
            },
          }
        : {};
    merged[type] = { ...base, ...fields, ...generationConfig };
  }
  return merged;
}
