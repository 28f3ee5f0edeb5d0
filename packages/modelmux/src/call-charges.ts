import {
  type ChatRequest,
  type EmbedRequest,
  estimateCost,
  type ErrorKind,
  type ModelCatalogue,
  predictCost,
  ProviderError,
  type RequestMetadata,
  StreamInterruptedError,
  type UnknownPrice,
  unknownPriceError,
  type Usage,
} from '@modelmux/core';
import type { RoutePlan } from '@modelmux/router';
import type { PlanCandidate } from './tracked-candidates.js';

/**
 * Failures after which the vendor may have billed the call: it was sent and then cut (our
 * timeout, the caller's abort, a lost hedge, a dropped connection). Vendor errors (4xx, 5xx,
 * 429) are not billed; our own refusals never reach the wire.
 */
const billedKinds: ReadonlySet<ErrorKind> = new Set(['aborted', 'timeout', 'network']);

/** Roughly four characters a token: the output estimate of a stream cut before its usage. */
const charsPerToken = 4;

/** True when `error` ended a call the vendor may have billed (see `billedKinds`). */
export function wasBilled(error: unknown): boolean {
  if (StreamInterruptedError.isInstance(error)) return true;
  return ProviderError.isInstance(error) && billedKinds.has(error.kind);
}

/** The charge of a call that was cut: an estimate from the input and the text received. */
export interface PartialCharge {
  costUsd: number;
  usage: Usage;
  usageEstimated: true;
}

/** What the pipeline knows to price one request's calls. */
export interface ChargeContext {
  catalogue: ModelCatalogue;
  /** The provider's `unknownPrice` setting. */
  unknownPriceOf(provider: string): UnknownPrice | undefined;
  hasCostLimit(provider: string, metadata: RequestMetadata | undefined): boolean;
}

function modelOf(candidate: PlanCandidate, request: { model?: string | undefined }): string {
  if ('provider' in candidate)
    return candidate.model ?? request.model ?? candidate.provider.defaultModel;
  return request.model ?? candidate.defaultModel;
}

function nameOf(candidate: PlanCandidate): string {
  return 'provider' in candidate ? candidate.provider.name : candidate.name;
}

/**
 * The predicted cost of each candidate's call, from the router's estimate, else (a model missing
 * from the catalogue) from the provider's `unknownPrice`. A chat candidate whose price stays
 * unknown while a cost limit applies to it is refused here, before any call, with a
 * `ConfigError` naming the model and the fix: an unknown price is never charged as 0.
 */
export function predictedCosts(
  plan: RoutePlan,
  candidates: readonly PlanCandidate[],
  request: ChatRequest | EmbedRequest,
  context: ChargeContext,
): Record<string, number> {
  const costs: Record<string, number> = { ...plan.estimate.costUsd };
  const chat = 'messages' in request ? request : undefined;
  for (const candidate of candidates) {
    const name = nameOf(candidate);
    if (costs[name] !== undefined || !chat) continue;
    const model = modelOf(candidate, chat);
    const predicted = predictCost(model, chat, context.catalogue, {
      inputTokens: plan.estimate.inputTokens,
      unknownPrice: context.unknownPriceOf(name),
    })?.maxUsd;
    if (predicted !== undefined) costs[name] = predicted;
    else if (context.hasCostLimit(name, chat.metadata))
      throw unknownPriceError(name, model, 'a cost limit applies to its calls');
  }
  return costs;
}

/**
 * The estimated charge of a call cut after it was sent: the request's input tokens (counted once
 * by the router) and the output received so far (about four characters a token), priced like a
 * whole call. Undefined when the price is unknown.
 */
export function partialCharge(
  context: ChargeContext,
  provider: string,
  model: string,
  inputTokens: number,
  outputChars: number,
): PartialCharge | undefined {
  const outputTokens = Math.ceil(outputChars / charsPerToken);
  const usage: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  const costUsd = estimateCost(model, usage, context.catalogue, {
    unknownPrice: context.unknownPriceOf(provider),
  });
  return costUsd === undefined ? undefined : { costUsd, usage, usageEstimated: true };
}
