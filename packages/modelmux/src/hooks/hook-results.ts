import { type ChatRequest, chatResultProblem, InvalidRequestError } from '@modelmux/core';
import type { RoutedResult } from '../routed-result.js';

/** What `beforeRequest` and `formatRequest` must return: a request with messages. */
export function checkHookRequest(name: string, value: unknown): ChatRequest {
  const changed = value as Partial<ChatRequest> | null | undefined;
  if (!changed || typeof changed !== 'object' || !Array.isArray(changed.messages))
    throw new InvalidRequestError({
      field: `hooks.${name}`,
      message: 'must return the request (a ChatRequest with messages)',
    });
  return changed as ChatRequest;
}

/**
 * The result after `afterResponse`: the hook's object laid over the result (it may return the
 * fields it changed), checked like a provider's result (core's `chatResultProblem`). `undefined`,
 * `42` or a `text` that is not a string is the caller's `InvalidRequestError`, like the other hooks.
 */
export function applyHookResult<T>(routed: RoutedResult<T>, value: unknown): RoutedResult<T> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidRequestError({
      field: 'hooks.afterResponse',
      message: `must return the result (a ChatResult, or the fields it changes); received ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    });
  const merged = { ...routed, ...value } as RoutedResult<T>;
  const problem = chatResultProblem(merged);
  if (problem !== undefined)
    throw new InvalidRequestError({
      field: 'hooks.afterResponse',
      message: `must return a valid ChatResult: ${problem}`,
    });
  return merged;
}
