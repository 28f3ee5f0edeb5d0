// An in-process Provider that answers from a script, for the engine packages' unit tests: a
// legitimate user of the provider contract (not a mock of the code under test). Each call
// consumes one step; timers are whatever `setTimeout` is (tests use vitest's fake timers).
import {
  type ChatRequest,
  type ChatResult,
  type EmbedRequest,
  type EmbedResult,
  type ErrorKind,
  type FinishReason,
  type Provider,
  ProviderError,
  type RateLimitInfo,
  type StreamEvent,
  specificationVersion,
} from '@modelmux/core';

/** One scripted answer of a `scriptedProvider`. */
export type ScriptedStep =
  | 'ok'
  | { text: string; finishReason?: FinishReason; rateLimit?: RateLimitInfo }
  | {
      error: ErrorKind;
      status?: number;
      retryAfterMs?: number;
      message?: string;
      isRetryable?: boolean;
    }
  | { throws: unknown }
  | { delayMs: number; then?: ScriptedStep }
  | 'hang'
  /** Never settles, even when aborted (a provider that ignores its signal). */
  | 'deaf'
  /** Streams these deltas then finishes; `failAfter` throws `failWith` after that many deltas; `hangAfter` waits for the abort. */
  | {
      stream: string[];
      failAfter?: number;
      failWith?: ErrorKind;
      hangAfter?: number;
      finishReason?: FinishReason;
      eventDelayMs?: number;
    };

/** What a `scriptedProvider` saw of one call. */
export interface ScriptedCall {
  at: number;
  model: string | undefined;
  signal: AbortSignal | undefined;
  request: ChatRequest<unknown> | EmbedRequest;
}

/** A provider that answers from a script; `calls` records each call. */
export interface ScriptedProvider extends Provider {
  readonly calls: ScriptedCall[];
  /** Appends steps to the script. */
  script(...steps: ScriptedStep[]): ScriptedProvider;
  /** How many calls ended with their signal aborted. */
  abortedCount(): number;
}

/** Options of `scriptedProvider`. */
export interface ScriptedProviderOptions {
  /** The step when the script is empty. Default `'ok'`. */
  defaultStep?: ScriptedStep;
  /** What `isAvailable()` answers. Default `true`. */
  available?: boolean;
  /** `false`: no `embed` method and no default embedding model. Default `true`. */
  embeds?: boolean;
  /** The default model. Default `<name>-model`. */
  model?: string;
  /** The provider's `type`. Default `'scripted'`. */
  type?: string;
}

/**
 * A provider that answers each call from a script of steps (answers, typed failures, delays,
 * hangs, streams that fail or hang part-way) and records every call.
 *
 * @example
 * const a = scriptedProvider('a').script({ error: 'server', status: 503 }, 'ok');
 * await executor.generate([a], ask('Hello?'));
 * a.calls.length; // 2
 */
export function scriptedProvider(
  name: string,
  options: ScriptedProviderOptions = {},
): ScriptedProvider {
  const steps: ScriptedStep[] = [];
  const calls: ScriptedCall[] = [];
  const next = (): ScriptedStep => steps.shift() ?? options.defaultStep ?? 'ok';
  const model = options.model ?? `${name}-model`;

  const fail = (
    kind: ErrorKind,
    step: { status?: number; retryAfterMs?: number; message?: string; isRetryable?: boolean },
    usedModel: string | undefined,
  ) =>
    new ProviderError({
      kind,
      provider: name,
      model: usedModel,
      status: step.status,
      retryAfterMs: step.retryAfterMs,
      isRetryable: step.isRetryable,
      message: step.message ?? `${name} failed with ${kind}`,
    });

  const aborted = (usedModel: string | undefined) =>
    new ProviderError({ kind: 'aborted', provider: name, model: usedModel, message: 'aborted' });

  function wait(
    ms: number,
    signal: AbortSignal | undefined,
    usedModel: string | undefined,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(aborted(usedModel));
      const onAbort = () => {
        clearTimeout(timer);
        reject(aborted(usedModel));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function hang(signal: AbortSignal | undefined, usedModel: string | undefined): Promise<never> {
    return new Promise((_resolve, reject) => {
      if (signal?.aborted) return reject(aborted(usedModel));
      signal?.addEventListener('abort', () => reject(aborted(usedModel)), { once: true });
    });
  }

  const result = (
    text: string,
    usedModel: string | undefined,
    finishReason: FinishReason = 'stop',
    rateLimit?: RateLimitInfo,
  ): ChatResult<unknown> => ({
    ...(rateLimit ? { rateLimit } : {}),
    text,
    toolCalls: [],
    finishReason,
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    provider: name,
    model: usedModel ?? model,
    latencyMs: 1,
    costUsd: 0.001,
  });

  async function perform(
    step: ScriptedStep,
    signal: AbortSignal | undefined,
    usedModel: string | undefined,
  ): Promise<ChatResult<unknown>> {
    if (signal?.aborted) throw aborted(usedModel);
    if (step === 'ok') return result(`answer from ${name}`, usedModel);
    if (step === 'hang') return hang(signal, usedModel);
    if (step === 'deaf') return new Promise<never>(() => undefined);
    if ('text' in step) return result(step.text, usedModel, step.finishReason, step.rateLimit);
    if ('error' in step) throw fail(step.error, step, usedModel);
    if ('throws' in step) throw step.throws;
    if ('delayMs' in step) {
      await wait(step.delayMs, signal, usedModel);
      return perform(step.then ?? 'ok', signal, usedModel);
    }
    return result(step.stream.join(''), usedModel, step.finishReason);
  }

  async function* streamScriptedSteps(
    step: ScriptedStep,
    signal: AbortSignal | undefined,
    usedModel: string | undefined,
  ): AsyncGenerator<StreamEvent> {
    if (signal?.aborted) throw aborted(usedModel);
    if (typeof step === 'object' && 'delayMs' in step) {
      await wait(step.delayMs, signal, usedModel);
      yield* streamScriptedSteps(step.then ?? 'ok', signal, usedModel);
      return;
    }
    if (step === 'ok') step = { stream: ['Hello', ' from ', name] };
    if (typeof step === 'object' && 'stream' in step) {
      for (let i = 0; i < step.stream.length; i++) {
        if (step.failAfter === i) throw fail(step.failWith ?? 'network', {}, usedModel);
        if (step.hangAfter === i) await hang(signal, usedModel);
        if (step.eventDelayMs) await wait(step.eventDelayMs, signal, usedModel);
        yield { type: 'text-delta', text: step.stream[i] ?? '' };
      }
      if (step.failAfter === step.stream.length)
        throw fail(step.failWith ?? 'network', {}, usedModel);
      if (step.hangAfter === step.stream.length) await hang(signal, usedModel);
      yield {
        type: 'finish',
        finishReason: step.finishReason ?? 'stop',
        usage: {
          inputTokens: 3,
          outputTokens: step.stream.length,
          totalTokens: 3 + step.stream.length,
        },
        provider: name,
        model: usedModel ?? model,
        costUsd: 0.0001,
      };
      return;
    }
    const whole = await perform(step, signal, usedModel);
    yield { type: 'text-delta', text: whole.text };
    yield {
      type: 'finish',
      finishReason: whole.finishReason,
      usage: whole.usage,
      provider: name,
      model: whole.model,
      costUsd: whole.costUsd,
    };
  }

  const provider: ScriptedProvider = {
    specificationVersion,
    name,
    type: options.type ?? 'scripted',
    defaultModel: model,
    defaultEmbeddingModel: options.embeds === false ? undefined : `${name}-embed`,
    calls,
    script(...more) {
      steps.push(...more);
      return provider;
    },
    abortedCount: () => calls.filter((c) => c.signal?.aborted).length,
    isAvailable: () => options.available ?? true,
    generate<T>(request: ChatRequest<T>) {
      calls.push({
        at: Date.now(),
        model: request.model,
        signal: request.signal,
        request: request as ChatRequest<unknown>,
      });
      return perform(next(), request.signal, request.model) as Promise<ChatResult<T>>;
    },
    stream(request: ChatRequest) {
      return {
        [Symbol.asyncIterator]: () => {
          calls.push({ at: Date.now(), model: request.model, signal: request.signal, request });
          return streamScriptedSteps(next(), request.signal, request.model);
        },
      };
    },
  };
  if (options.embeds !== false) {
    (provider as { embed?: Provider['embed'] }).embed = async (
      request: EmbedRequest,
    ): Promise<EmbedResult> => {
      calls.push({ at: Date.now(), model: request.model, signal: request.signal, request });
      const answer = await perform(next(), request.signal, request.model);
      return {
        embeddings: request.input.map(() => [answer.text.length, 1]),
        usage: { inputTokens: 4 },
        provider: name,
        model: request.model ?? `${name}-embed`,
        latencyMs: 1,
        costUsd: 0,
      };
    };
  }
  return provider;
}

/** A one-message chat request (`{ messages: [{ role: 'user', content }] }`). */
export function ask(
  content = 'Hello?',
  extra: Partial<ChatRequest<unknown>> = {},
): ChatRequest<unknown> {
  return { messages: [{ role: 'user', content }], ...extra };
}
