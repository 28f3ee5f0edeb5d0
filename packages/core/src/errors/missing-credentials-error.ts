import { formatProviderErrorMessage } from './format-provider-error-message.js';
import { ProviderError } from './provider-error.js';

/**
 * The error an adapter throws when a call needs credentials it was not given: kind `auth`, not
 * retryable, in the one provider message format, with the fix in `hint`.
 *
 * @example
 * throw missingCredentialsError('anthropic', 'claude-haiku-4-5',
 *   'no API key: pass apiKey to createAnthropic() or set ANTHROPIC_API_KEY');
 */
export function missingCredentialsError(
  provider: string,
  model: string | undefined,
  hint: string,
): ProviderError {
  return new ProviderError({
    kind: 'auth',
    provider,
    model,
    isRetryable: false,
    message: formatProviderErrorMessage({ provider, model, kind: 'auth', text: hint }),
  });
}
