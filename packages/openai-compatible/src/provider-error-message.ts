import type { ErrorKind } from '@modelmux/core';

/** What every provider error message says, in this order. */
export interface ProviderErrorMessageParts {
  /** The provider instance's name (`openai`, `ollama`). */
  provider: string;
  model?: string | undefined;
  kind: ErrorKind;
  /** The HTTP status, when there was one (said once, here). */
  status?: number | undefined;
  /** The vendor's own text (or ours, when the vendor said nothing). */
  text: string;
  /** The vendor's id of the request, when it sent one. */
  requestId?: string | undefined;
}

/**
 * The one message format of provider errors (core's `formatProviderErrorMessage`): instance
 * name, model, kind, status once, the vendor's own text, the request id —
 * `openai/gpt-4.1-mini rate_limit (HTTP 429): Rate limit reached for requests [request req_123]`.
 */
export function providerErrorMessage(parts: ProviderErrorMessageParts): string {
  const who = parts.model ? `${parts.provider}/${parts.model}` : parts.provider;
  const status = parts.status !== undefined ? ` (HTTP ${parts.status})` : '';
  let text = parts.text.trim();
  if (parts.status !== undefined && text.startsWith(`${parts.status} `))
    text = text.slice(String(parts.status).length + 1).trim();
  const request = parts.requestId ? ` [request ${parts.requestId}]` : '';
  return `${who} ${parts.kind}${status}: ${text || 'no details from the vendor'}${request}`;
}
