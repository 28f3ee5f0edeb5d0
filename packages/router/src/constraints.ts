import type { ChatRequest, ModelInfo, RateLimitInfo } from '@modelmux/core';

/** What a chat request needs from a model. */
export interface Needs {
  tools: boolean;
  images: boolean;
  json: boolean;
}

/** The capabilities a chat request needs: tools, image input, JSON output. */
export function needsOf(request: ChatRequest<unknown>): Needs {
  let images = false;
  for (const message of request.messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    if (message.content.some((part) => part.type === 'image')) {
      images = true;
      break;
    }
  }
  return {
    tools: (request.tools?.length ?? 0) > 0,
    images,
    json: request.responseFormat?.type === 'json',
  };
}

/**
 * Why a model cannot take a request (a missing capability, or a context window smaller than
 * the estimated input plus the output asked for), or undefined.
 */
export function capabilityGap(
  info: ModelInfo,
  needs: Needs,
  model: string,
  inputTokens: number,
  outputTokens: number | undefined,
): string | undefined {
  const caps = info.capabilities;
  if (needs.tools && !caps.tools) return `model ${model} cannot call tools`;
  if (needs.images && !caps.vision) return `model ${model} does not accept images`;
  if (needs.json && !caps.json) return `model ${model} does not support JSON output`;
  const output = outputTokens ?? 0;
  if (inputTokens + output > info.contextWindow)
    return `context window too small: model ${model} takes ${info.contextWindow} tokens; this request needs ~${inputTokens} input${output ? ` + ${output} output` : ''}`;
  return undefined;
}

/**
 * Why a provider's remaining quota (its latest rate-limit headers) would not cover a request of
 * `tokensNeeded` tokens before its reset, or undefined. Info without a reset time, or whose reset
 * has passed, is ignored.
 */
export function quotaShortfall(
  limit: RateLimitInfo | undefined,
  tokensNeeded: number,
  now: number,
): string | undefined {
  if (!limit) return undefined;
  if (
    limit.remainingRequests !== undefined &&
    limit.remainingRequests < 1 &&
    limit.resetRequestsAt !== undefined &&
    limit.resetRequestsAt > now
  )
    return `rate limit: no requests left until ${new Date(limit.resetRequestsAt).toISOString()}`;
  if (
    limit.remainingTokens !== undefined &&
    limit.remainingTokens < tokensNeeded &&
    limit.resetTokensAt !== undefined &&
    limit.resetTokensAt > now
  )
    return `rate limit: ${limit.remainingTokens} tokens left, this request needs ~${tokensNeeded}, until ${new Date(limit.resetTokensAt).toISOString()}`;
  return undefined;
}
