import type { ErrorKind } from '@modelmux/core';

/** How a failure kind reads in a log line (`gemini quota exceeded, switching to claude`). */
const phrases: Record<ErrorKind, string> = {
  rate_limit: 'rate limited',
  quota_exceeded: 'quota exceeded',
  auth: 'authentication failed',
  permission: 'permission denied',
  not_found: 'model not found',
  bad_request: 'bad request',
  context_length: 'context too long',
  content_filter: 'content filtered',
  timeout: 'timeout',
  network: 'network error',
  server: 'server error',
  overloaded: 'overloaded',
  aborted: 'aborted',
  quality: 'answer rejected',
  unknown: 'failed',
};

/** The phrase for a failure kind. */
export function kindPhrase(kind: ErrorKind): string {
  return phrases[kind] ?? kind;
}

/** `Using gemini for content generation` (the user's design's line). */
export function usingLine(provider: string): string {
  return `Using ${provider} for content generation`;
}

/** `gemini quota exceeded, switching to claude`. */
export function switchingLine(from: string, kind: ErrorKind, to: string): string {
  return `${from} ${kindPhrase(kind)}, switching to ${to}`;
}

/** `All LLM providers failed: [gemini: quota exceeded, claude: timeout]`. */
export function allFailedLine(attempts: readonly { provider: string; kind: ErrorKind }[]): string {
  return `All LLM providers failed: [${attempts.map((a) => `${a.provider}: ${kindPhrase(a.kind)}`).join(', ')}]`;
}
