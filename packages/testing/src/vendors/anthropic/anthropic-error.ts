import type { FakeErrorType } from '../../types.js';
import { sse, type ErrorSpec, type HttpReply, type ReplyContext } from '../codec.js';

const shapes: Record<
  FakeErrorType,
  { status: number; type: string; message: (ctx: ReplyContext) => string }
> = {
  rate_limit: {
    status: 429,
    type: 'rate_limit_error',
    message: () =>
      'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.',
  },
  // The monthly usage limit: a 429 rate_limit_error told apart by `details.error_code` (the SDK's `errorCode`).
  quota: {
    status: 429,
    type: 'rate_limit_error',
    message: () =>
      'You have reached your specified API usage limits. You will regain access on 2030-01-01 at 00:00 UTC.',
  },
  auth: { status: 401, type: 'authentication_error', message: () => 'invalid x-api-key' },
  permission: {
    status: 403,
    type: 'permission_error',
    message: () => 'Your API key does not have permission to use the specified resource.',
  },
  not_found: { status: 404, type: 'not_found_error', message: (c) => `model: ${c.model}` },
  bad_request: { status: 400, type: 'invalid_request_error', message: () => 'Invalid request.' },
  context_length: {
    status: 400,
    type: 'invalid_request_error',
    message: () => 'prompt is too long: 210000 tokens > 200000 maximum',
  },
  server: { status: 500, type: 'api_error', message: () => 'Internal server error' },
  overloaded: { status: 529, type: 'overloaded_error', message: () => 'Overloaded' },
};

function errorBody(
  spec: ErrorSpec,
  ctx: ReplyContext,
): { status: number; body: Record<string, unknown> } {
  const shape = shapes[spec.type];
  const status = spec.status ?? shape.status;
  // A scripted 402 is Anthropic's billing error (credit balance too low).
  if (spec.type === 'quota' && status === 402) {
    const message =
      spec.message ??
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.';
    return {
      status,
      body: {
        type: 'error',
        error: { type: 'billing_error', message },
        request_id: requestId(ctx),
      },
    };
  }
  const details =
    spec.type === 'quota' ? { details: { error_code: 'enforced_spend_limit_reached' } } : {};
  return {
    status,
    body: {
      type: 'error',
      error: { type: shape.type, message: spec.message ?? shape.message(ctx), ...details },
      request_id: requestId(ctx),
    },
  };
}

/** Anthropic's `request-id` value for a response. */
export function requestId(ctx: ReplyContext): string {
  return `req_fake${String(ctx.seq).padStart(16, '0')}`;
}

/** An Anthropic error response; a scripted wait goes out as `retry-after` in whole seconds. */
export function anthropicError(spec: ErrorSpec, ctx: ReplyContext): HttpReply {
  const { status, body } = errorBody(spec, ctx);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const seconds =
    spec.retryAfter ??
    (spec.retryAfterMs !== undefined ? Math.ceil(spec.retryAfterMs / 1000) : undefined);
  if (seconds !== undefined) headers['retry-after'] = String(seconds);
  return { status, headers, body: JSON.stringify(body) };
}

/** An error inside a started stream: `event: error` with the error body. */
export function anthropicStreamError(spec: ErrorSpec, ctx: ReplyContext): string {
  const { body } = errorBody(spec, ctx);
  return sse({ type: 'error', error: body['error'] }, 'error');
}
