/** Which error body a route speaks: OpenAI's, or Anthropic's for `/v1/messages`. */
export type ErrorDialect = 'openai' | 'anthropic';

/** The gateway's own refusals, with the OpenAI `type`/`code` and Anthropic `type` they map to. */
const kinds = {
  missing_key: { status: 401, type: 'invalid_request_error', anthropic: 'authentication_error' },
  invalid_key: { status: 401, type: 'invalid_request_error', anthropic: 'authentication_error' },
  expired_key: { status: 401, type: 'invalid_request_error', anthropic: 'authentication_error' },
  revoked_key: { status: 401, type: 'invalid_request_error', anthropic: 'authentication_error' },
  body_too_large: { status: 413, type: 'invalid_request_error', anthropic: 'request_too_large' },
  too_many_messages: {
    status: 400,
    type: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  budget_exceeded: { status: 429, type: 'insufficient_quota', anthropic: 'rate_limit_error' },
  rate_limited: { status: 429, type: 'rate_limit_error', anthropic: 'rate_limit_error' },
  too_many_concurrent: { status: 429, type: 'rate_limit_error', anthropic: 'rate_limit_error' },
  timeout: { status: 504, type: 'timeout', anthropic: 'timeout_error' },
  shutting_down: { status: 503, type: 'server_error', anthropic: 'overloaded_error' },
  store_unavailable: { status: 503, type: 'server_error', anthropic: 'api_error' },
  unauthorized: { status: 401, type: 'invalid_request_error', anthropic: 'authentication_error' },
  not_found: { status: 404, type: 'invalid_request_error', anthropic: 'not_found_error' },
  bad_request: { status: 400, type: 'invalid_request_error', anthropic: 'invalid_request_error' },
  internal: { status: 500, type: 'server_error', anthropic: 'api_error' },
} as const;

/** A refusal by the gateway itself (never a provider's failure). */
export type GatewayErrorCode = keyof typeof kinds;

/** The status a gateway refusal is answered with. */
export function statusOf(code: GatewayErrorCode): number {
  return kinds[code].status;
}

/**
 * An error response in the route's dialect. `message` must never carry a key or a prompt.
 * `retryAfterMs` becomes `retry-after` in whole seconds (at least 1).
 */
export function errorResponse(
  code: GatewayErrorCode,
  message: string,
  options: {
    dialect?: ErrorDialect;
    param?: string;
    retryAfterMs?: number;
    headers?: Record<string, string>;
  } = {},
): Response {
  const kind = kinds[code];
  const body =
    options.dialect === 'anthropic'
      ? { type: 'error', error: { type: kind.anthropic, message } }
      : { error: { message, type: kind.type, param: options.param ?? null, code } };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...options.headers,
  };
  if (options.retryAfterMs !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(options.retryAfterMs / 1000)));
  return new Response(JSON.stringify(body), { status: kind.status, headers });
}
