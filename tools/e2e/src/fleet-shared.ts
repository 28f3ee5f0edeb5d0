// Shared by the fleet tests and their worker processes.
import { type ChatRequest, predictCost } from '@modelmux/core';

export interface WorkerInit {
  redisUrl: string;
  prefix: string;
  openaiBaseURL: string;
  dailyCostLimitUsd: number;
}

/** What one request ended as. */
export interface WorkerOutcome {
  kind: 'ok' | 'refused' | 'failed';
  /** The error's name (refused / failed). */
  error?: string;
  /** BudgetExceededError's scope. */
  scope?: string;
  costUsd?: number;
  ms: number;
}

export const model = 'gpt-4o-mini';
export const request: ChatRequest = {
  messages: [{ role: 'user', content: 'What is the capital of France? Answer in one word.' }],
  maxTokens: 16,
};
/** The cost every request reserves before it is sent. */
export const predictedUsd = predictCost(model, request)?.maxUsd ?? 0;
