import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import type { ProviderCallSettings } from './provider-call-options.js';
import { redactSecrets } from './redact.js';
import { type ChatInput, toChatRequest } from './request.js';

/** A call's request once validated, with the model and signal it resolves to. */
export interface PreparedProviderCall<T> {
  /** The normalised request (`undefined` in the older form, without `options.request`). */
  request: ChatRequest<T>;
  model: string;
  signal: AbortSignal | undefined;
}

/**
 * Validates the request of a skeleton call (`options.request`), and resolves its model and
 * signal. Throws `InvalidRequestError`; the skeletons call it inside their async body, so the
 * caller sees a rejected promise (or a stream that throws on its first `next()`).
 */
export function prepareProviderCall<T>(options: ProviderCallSettings): PreparedProviderCall<T> {
  const request =
    options.request === undefined ? undefined : toChatRequest(options.request as ChatInput<T>);
  const model = options.model ?? request?.model ?? options.defaultModel;
  if (typeof model !== 'string' || model === '')
    throw new InvalidRequestError({
      field: 'model',
      message: `provider "${options.provider}" has no default model: name one in the request`,
    });
  options.checkPrice?.(model);
  return {
    request: request as ChatRequest<T>,
    model,
    signal: options.signal ?? request?.signal,
  };
}

/**
 * Runs an adapter's `build` step (request → vendor body) before any wire call. Whatever it
 * throws is the caller's error: an `InvalidRequestError` passes through, anything else (a
 * TypeError on a value the validator let through, a schema zod cannot convert) becomes one with
 * `field: 'request'`, never a `network` failure that would count against a healthy provider.
 */
export function buildProviderBody<B>(provider: string, model: string, build: () => B): B {
  try {
    return build();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) throw error;
    const text = error instanceof Error ? error.message : String(error);
    throw new InvalidRequestError({
      field: 'request',
      message: `could not build the ${provider} request body for ${model}: ${redactSecrets(text)}`,
      cause: error,
    });
  }
}
