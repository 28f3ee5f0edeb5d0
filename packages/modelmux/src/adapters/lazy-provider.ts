import {
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  type HealthCheckResult,
  type Provider,
  type StreamEvent,
  specificationVersion,
} from '@modelmux/core';
import { AdapterNotInstalledError } from '../errors/adapter-not-installed-error.js';
import {
  type AdapterFactory,
  type BuiltInAdapter,
  type ImportPackage,
  isPackageMissing,
} from './built-in-adapters.js';

/** What a lazy provider needs to stand in for its adapter until the package is loaded. */
export interface LazyProviderOptions {
  name: string;
  type: string;
  adapter: BuiltInAdapter;
  /** The settings passed to the adapter's factory (`name` included). */
  settings: Record<string, unknown> & { model?: string; embeddingModel?: string };
  /** Whether it is configured (a key or an endpoint), as the adapter will see it. */
  configured: boolean;
  importPackage: ImportPackage;
  /** Told once when the package turns out not to be installed (the stack's `MissingAdapters`). */
  onNotInstalled?: (error: AdapterNotInstalledError) => void;
}

/**
 * A `Provider` that imports its adapter package (`@modelmux/<type>`) on first use and then
 * delegates to it. Until then its name, type, default models and availability come from the
 * config, so the router can plan without the package. A missing package rejects with
 * `AdapterNotInstalledError` (`npm install @modelmux/<type>`).
 */
export class LazyProvider implements Provider {
  readonly specificationVersion = specificationVersion;
  readonly name: string;
  readonly type: string;
  readonly defaultModel: string;
  readonly defaultEmbeddingModel?: string;
  /** Present only for adapters that embed (OpenAI, Google), as on the adapters themselves. */
  readonly embed?: (request: EmbedRequest) => Promise<EmbedResult>;
  private inner: Provider | undefined;
  private loading: Promise<Provider> | undefined;

  constructor(private readonly options: LazyProviderOptions) {
    this.name = options.name;
    this.type = options.type;
    this.defaultModel = options.settings.model ?? options.adapter.defaultModel;
    const embeddingModel = options.settings.embeddingModel ?? options.adapter.defaultEmbeddingModel;
    if (embeddingModel !== undefined) {
      this.defaultEmbeddingModel = embeddingModel;
      this.embed = (request) => this.embedWithAdapter(request);
    }
  }

  /** The adapter, once loaded. */
  get loaded(): Provider | undefined {
    return this.inner;
  }

  /** Imports the package and creates the adapter (once; concurrent callers share the import). */
  load(): Promise<Provider> {
    if (this.inner) return Promise.resolve(this.inner);
    this.loading ??= this.create().catch((error: unknown) => {
      // A missing package stays missing for this process; other failures may be retried.
      if (AdapterNotInstalledError.isInstance(error)) this.options.onNotInstalled?.(error);
      else this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async create(): Promise<Provider> {
    const { packageName, factoryExport } = this.options.adapter;
    let module: Record<string, unknown>;
    try {
      module = await this.options.importPackage(packageName);
    } catch (error) {
      if (isPackageMissing(error, packageName))
        throw new AdapterNotInstalledError({ provider: this.name, packageName, cause: error });
      throw error;
    }
    const factory = module[factoryExport];
    if (typeof factory !== 'function')
      throw new AdapterNotInstalledError({ provider: this.name, packageName });
    this.inner = (factory as AdapterFactory)(this.options.settings);
    return this.inner;
  }

  isAvailable(): boolean {
    return this.inner ? this.inner.isAvailable() : this.options.configured;
  }

  async generate<T = unknown>(request: ChatRequest<T>): Promise<ChatResult<T>> {
    return (await this.load()).generate(request);
  }

  async *stream(request: ChatRequest): AsyncIterable<StreamEvent> {
    yield* (await this.load()).stream(request);
  }

  private async embedWithAdapter(request: EmbedRequest): Promise<EmbedResult> {
    const inner = await this.load();
    if (!inner.embed) throw new TypeError(`Provider "${this.name}" cannot embed`);
    return inner.embed(request);
  }

  async healthCheck(options?: { signal?: AbortSignal }): Promise<HealthCheckResult> {
    const inner = await this.load();
    if (inner.healthCheck) return inner.healthCheck(options);
    return { healthy: inner.isAvailable(), latencyMs: 0, model: inner.defaultModel };
  }
}
