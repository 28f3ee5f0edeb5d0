import { describe, expect, it } from 'vitest';
import { missingCredentialsError } from './missing-credentials-error.js';
import { ProviderError } from './provider-error.js';

describe('missingCredentialsError', () => {
  it('is a non-retryable auth ProviderError in the one message format, naming the fix', () => {
    const error = missingCredentialsError('anthropic', 'claude-haiku-4-5', 'no API key: set X');
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'auth',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      isRetryable: false,
      status: undefined,
    });
    expect(error.message).toBe('anthropic/claude-haiku-4-5 auth: no API key: set X');
  });
});
