import type { FakeStep } from '../types.js';
import { errorTypeForStatus, type ErrorSpec } from '../vendors/codec.js';

/** The error a step stands for, or undefined when it is not an error step. */
export function resolveError(step: FakeStep): ErrorSpec | undefined {
  if (step === 'context-length') return { type: 'context_length' };
  if (typeof step !== 'object') return undefined;
  if ('status' in step) {
    return {
      type: step.error ?? errorTypeForStatus(step.status),
      status: step.status,
      ...(step.retryAfter !== undefined ? { retryAfter: step.retryAfter } : {}),
      ...(step.retryAfterMs !== undefined ? { retryAfterMs: step.retryAfterMs } : {}),
      ...(step.message !== undefined ? { message: step.message } : {}),
    };
  }
  if ('error' in step && !('streamErrorAfter' in step) && step.error !== undefined) {
    return {
      type: step.error,
      ...(step.retryAfter !== undefined ? { retryAfter: step.retryAfter } : {}),
      ...(step.retryAfterMs !== undefined ? { retryAfterMs: step.retryAfterMs } : {}),
      ...(step.message !== undefined ? { message: step.message } : {}),
    };
  }
  return undefined;
}
