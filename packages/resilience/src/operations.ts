import {
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  type Provider,
  ProviderError,
  type StreamEvent,
} from '@modelmux/core';
import { abortReasons } from './abort.js';
import type { AttemptCall } from './attempt-call.js';
import { type ExecutorCore, type Skip, qualityError } from './executor-core.js';
import type { Operation } from './operation.js';
import type { Validator } from './validator.js';

/** `generate`: one call per try; content-filter answers and validator rejections are refused. */
export class GenerateOperation implements Operation<ChatResult<unknown>> {
  readonly name = 'generate' as const;
  readonly keepsCall = false;

  constructor(
    private readonly core: ExecutorCore,
    private readonly request: ChatRequest<unknown>,
  ) {}

  defaultModel(provider: Provider): string | undefined {
    return this.request.model ?? provider.defaultModel;
  }

  unsupported(): Skip | undefined {
    return undefined;
  }

  call(
    provider: Provider,
    model: string | undefined,
    call: AttemptCall,
  ): Promise<ChatResult<unknown>> {
    return provider.generate({ ...this.request, model, signal: call.signal });
  }

  inspect(
    result: ChatResult<unknown>,
    provider: Provider,
    model: string | undefined,
  ): ProviderError | undefined | Promise<ProviderError | undefined> {
    if (result.finishReason === 'content-filter' && this.core.fallbackOnContentFilter)
      return contentFilterError(provider.name, model);
    const validators = this.core.validators;
    if (validators.length === 0) return undefined;
    return runValidators(validators, result, this.request, provider.name, model);
  }

  discard(): void {
    // nothing to release: the answer is a plain object
  }

  contextNeed(): number | undefined {
    return contextNeedOf(this.core, this.request);
  }

  usageOf(result: ChatResult<unknown>): {
    usage: ChatResult['usage'];
    costUsd: number | undefined;
    rateLimit: ChatResult['rateLimit'];
  } {
    return { usage: result.usage, costUsd: result.costUsd, rateLimit: result.rateLimit };
  }
}

/** The start of a stream: the provider's iterator and its first event (not yet released). */
export interface StreamStart {
  iterator: AsyncIterator<StreamEvent>;
  first: StreamEvent;
}

/**
 * `stream`: a try succeeds when the first event arrives (until then it may be retried or fall
 * back); a stream whose first event is a content-filter finish is refused like a `generate`.
 */
export class StreamOperation implements Operation<StreamStart> {
  readonly name = 'stream' as const;
  readonly keepsCall = true;

  constructor(
    private readonly core: ExecutorCore,
    private readonly request: ChatRequest<unknown>,
  ) {}

  defaultModel(provider: Provider): string | undefined {
    return this.request.model ?? provider.defaultModel;
  }

  unsupported(): Skip | undefined {
    return undefined;
  }

  async call(
    provider: Provider,
    model: string | undefined,
    call: AttemptCall,
  ): Promise<StreamStart> {
    const iterator = provider
      .stream({ ...this.request, model, signal: call.signal })
      [Symbol.asyncIterator]();
    call.iterator = iterator;
    const first = await iterator.next();
    if (first.done) {
      throw new ProviderError({
        kind: 'network',
        provider: provider.name,
        model,
        message: 'The stream ended before its first event',
      });
    }
    return { iterator, first: first.value };
  }

  inspect(
    start: StreamStart,
    provider: Provider,
    model: string | undefined,
  ): ProviderError | undefined {
    const first = start.first;
    if (
      first.type === 'finish' &&
      first.finishReason === 'content-filter' &&
      this.core.fallbackOnContentFilter
    ) {
      return contentFilterError(provider.name, model);
    }
    return undefined;
  }

  discard(_start: StreamStart, call: AttemptCall): void {
    call.abort(abortReasons.superseded);
  }

  contextNeed(): number | undefined {
    return contextNeedOf(this.core, this.request);
  }

  usageOf(): { usage: undefined; costUsd: undefined; rateLimit: undefined } {
    return { usage: undefined, costUsd: undefined, rateLimit: undefined };
  }
}

/** `embed`: providers without `embed` are skipped. */
export class EmbedOperation implements Operation<EmbedResult> {
  readonly name = 'embed' as const;
  readonly keepsCall = false;

  constructor(private readonly request: EmbedRequest) {}

  defaultModel(provider: Provider): string | undefined {
    return this.request.model ?? provider.defaultEmbeddingModel;
  }

  unsupported(provider: Provider): Skip | undefined {
    return provider.embed
      ? undefined
      : {
          kind: 'not_found',
          cause: 'unsupported',
          reason: 'does not support embeddings',
          error: undefined,
        };
  }

  call(provider: Provider, model: string | undefined, call: AttemptCall): Promise<EmbedResult> {
    const embed = provider.embed;
    if (!embed)
      return Promise.reject(
        new ProviderError({
          kind: 'not_found',
          provider: provider.name,
          model,
          message: 'This provider does not support embeddings',
        }),
      );
    return embed.call(provider, { ...this.request, model, signal: call.signal });
  }

  inspect(): undefined {
    return undefined;
  }

  discard(): void {
    // nothing to release: the answer is a plain object
  }

  contextNeed(): undefined {
    return undefined;
  }

  usageOf(result: EmbedResult): {
    usage: ChatResult['usage'];
    costUsd: number | undefined;
    rateLimit: undefined;
  } {
    const tokens = result.usage.inputTokens;
    return {
      usage: { inputTokens: tokens, outputTokens: 0, totalTokens: tokens },
      costUsd: result.costUsd,
      rateLimit: undefined,
    };
  }
}

function contentFilterError(provider: string, model: string | undefined): ProviderError {
  return new ProviderError({
    kind: 'content_filter',
    provider,
    model,
    message: "The answer was stopped by the provider's content filter",
  });
}

function contextNeedOf(core: ExecutorCore, request: ChatRequest<unknown>): number | undefined {
  const tokens = core.countTokens(request);
  return Number.isFinite(tokens) ? tokens + (request.maxTokens ?? 0) : undefined;
}

async function runValidators(
  validators: readonly Validator[],
  result: ChatResult<unknown>,
  request: ChatRequest<unknown>,
  provider: string,
  model: string | undefined,
): Promise<ProviderError | undefined> {
  for (const validator of validators) {
    let reason: string | undefined;
    try {
      reason = await validator.validate(result, request);
    } catch (error) {
      reason = `the validator threw: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (reason !== undefined) return qualityError(validator, reason, provider, model);
  }
  return undefined;
}
