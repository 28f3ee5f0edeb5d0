import { describe, expect, test } from 'vitest';
import { requestIdFromHeaders } from '../request-id.js';
import { formatProviderErrorMessage } from './format-provider-error-message.js';
import { ProviderError } from './provider-error.js';

describe('formatProviderErrorMessage', () => {
  test('instance, model, kind, status once, the vendor text, the request id', () => {
    expect(
      formatProviderErrorMessage({
        provider: 'openai-eu',
        model: 'gpt-4o',
        kind: 'rate_limit',
        status: 429,
        text: '429 Rate limit reached for requests',
        requestId: 'req_123',
      }),
    ).toBe(
      'openai-eu/gpt-4o rate_limit (HTTP 429): Rate limit reached for requests [request req_123]',
    );
  });

  test('without status, model or text', () => {
    expect(formatProviderErrorMessage({ provider: 'ollama', kind: 'network', text: ' ' })).toBe(
      'ollama network: no details from the vendor',
    );
  });
});

describe('requestId', () => {
  test('x-request-id (OpenAI, Groq), then request-id (Anthropic)', () => {
    expect(requestIdFromHeaders(new Headers({ 'x-request-id': 'req_a' }))).toBe('req_a');
    expect(requestIdFromHeaders({ 'Request-Id': 'req_b' })).toBe('req_b');
    expect(requestIdFromHeaders(new Headers())).toBeUndefined();
    expect(requestIdFromHeaders(undefined)).toBeUndefined();
  });

  test('ProviderError keeps it', () => {
    const error = new ProviderError({
      kind: 'server',
      provider: 'a',
      message: 'x',
      requestId: 'req_c',
    });
    expect(error.requestId).toBe('req_c');
    expect(
      new ProviderError({ kind: 'server', provider: 'a', message: 'x' }).requestId,
    ).toBeUndefined();
  });
});
