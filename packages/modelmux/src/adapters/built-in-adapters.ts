import type { BuiltInProviderType, Provider } from '@modelmux/core';

/** What the meta-package knows about one built-in adapter before its package is loaded. */
export interface BuiltInAdapter {
  /** The npm package (`@modelmux/openai`). */
  packageName: string;
  /** The factory it exports (`createOpenAI`). */
  factoryExport: string;
  /** The adapter's default chat model (kept equal to the adapter's own constant by a test). */
  defaultModel: string;
  /** The adapter's default embedding model, for vendors that embed. */
  defaultEmbeddingModel: string | undefined;
}

/** The four official adapters, loaded with `import()` when first needed. */
export const builtInAdapters: Readonly<Record<BuiltInProviderType, BuiltInAdapter>> = {
  openai: {
    packageName: '@modelmux/openai',
    factoryExport: 'createOpenAI',
    defaultModel: 'gpt-4.1-mini',
    defaultEmbeddingModel: 'text-embedding-3-small',
  },
  anthropic: {
    packageName: '@modelmux/anthropic',
    factoryExport: 'createAnthropic',
    defaultModel: 'claude-haiku-4-5',
    defaultEmbeddingModel: undefined,
  },
  google: {
    packageName: '@modelmux/google',
    factoryExport: 'createGoogle',
    defaultModel: 'gemini-2.5-flash',
    defaultEmbeddingModel: 'text-embedding-004',
  },
  groq: {
    packageName: '@modelmux/groq',
    factoryExport: 'createGroq',
    defaultModel: 'llama-3.3-70b-versatile',
    defaultEmbeddingModel: undefined,
  },
};

/** An adapter factory as the packages export it. */
export type AdapterFactory = (settings: Record<string, unknown>) => Provider;

/** How a package is imported; replaceable in tests to simulate a package that is not installed. */
export type ImportPackage = (specifier: string) => Promise<Record<string, unknown>>;

/** The default: Node's dynamic `import()`. */
export const importPackage: ImportPackage = (specifier) =>
  import(/* @vite-ignore */ specifier) as Promise<Record<string, unknown>>;

/**
 * True when `error` says that `specifier` itself (not one of its own dependencies) could not be
 * found: Node's `ERR_MODULE_NOT_FOUND` names the missing package in quotes.
 */
export function isPackageMissing(error: unknown, specifier: string): boolean {
  if (!error || typeof error !== 'object') return false;
  const { message } = error as { message?: unknown };
  return (
    typeof message === 'string' &&
    (message.includes(`'${specifier}'`) || message.includes(`"${specifier}"`))
  );
}
