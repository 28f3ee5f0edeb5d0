import type { ChatRequest, ChatResult } from '@modelmux/core';

/**
 * A quality check on a finished answer (quality fallback). `validate` returns `undefined`
 * when the answer is acceptable, or the reason it is not; a rejection counts as a failure of
 * kind `quality` and the executor moves on to the next provider. May be async.
 */
export interface Validator {
  /** Names the check in errors and events. */
  readonly name: string;
  validate(
    result: ChatResult<unknown>,
    request: ChatRequest<unknown>,
  ): string | undefined | Promise<string | undefined>;
}
