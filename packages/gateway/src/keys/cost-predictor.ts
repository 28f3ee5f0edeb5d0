import { type ChatRequest, predictCost } from '@modelmux/core';
import type { ProviderFactory } from 'modelmux';

/** What the gateway reads from a request body to predict a key's spend. */
export interface PredictInput {
  messages?: unknown;
  system?: unknown;
  tools?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
}

/** The predicted worst case of one request, across the providers it may be routed to. */
export interface Prediction {
  inputTokens: number;
  outputTokens: number;
  /** USD; undefined when no candidate model has a known price. */
  maxUsd: number | undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

/**
 * Predicts a request's largest cost with core's `predictCost` on every enabled provider's model
 * (the router may pick any of them), so a per-key reservation never holds less than the call
 * may spend. The prompt is only counted, never kept.
 */
export class CostPredictor {
  private readonly models: string[];

  constructor(factory: ProviderFactory) {
    this.models = factory.listProviders().map((name) => factory.getProviderInfo(name).model);
  }

  predict(body: PredictInput): Prediction {
    const text = textOf(body.system) + textOf(body.messages) + textOf(body.tools);
    const request: Pick<ChatRequest, 'messages' | 'maxTokens'> = {
      messages: [{ role: 'user', content: text }],
    };
    const max = body.max_completion_tokens ?? body.max_tokens;
    if (typeof max === 'number' && max > 0) request.maxTokens = max;
    let best: Prediction = { inputTokens: 0, outputTokens: 0, maxUsd: undefined };
    for (const model of this.models) {
      const p = predictCost(model, request);
      if (p && (best.maxUsd === undefined || p.maxUsd > best.maxUsd))
        best = { inputTokens: p.inputTokens, outputTokens: p.maxOutputTokens, maxUsd: p.maxUsd };
    }
    if (best.maxUsd === undefined) best.inputTokens = Math.ceil(text.length / 4);
    return best;
  }
}
