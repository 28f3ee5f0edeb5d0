import type { ErrorKind } from './error-kind.js';

/** What one provider error message is made of. */
export interface ProviderErrorMessageParts {
  /** The provider instance's name (`openai`, `ollama`, `anthropic-eu`). */
  provider: string;
  model?: string | undefined;
  kind: ErrorKind;
  status?: number | undefined;
  /** The vendor's own text (or ours, when the vendor said nothing). */
  text: string;
  requestId?: string | undefined;
}

/**
 * The one message format of every provider error:
 * `openai/gpt-4o rate_limit (HTTP 429): Rate limit reached for requests [request req_123]`.
 * The status appears once: a leading `429 ` the SDKs put in their own messages is dropped.
 */
export function formatProviderErrorMessage(parts: ProviderErrorMessageParts): string {
  const who = parts.model ? `${parts.provider}/${parts.model}` : parts.provider;
  const status = parts.status !== undefined ? ` (HTTP ${parts.status})` : '';
  let text = parts.text.trim();
  if (parts.status !== undefined && text.startsWith(`${parts.status} `))
    text = text.slice(String(parts.status).length + 1).trim();
  const request = parts.requestId ? ` [request ${parts.requestId}]` : '';
  return `${who} ${parts.kind}${status}: ${text || 'no details from the vendor'}${request}`;
}
