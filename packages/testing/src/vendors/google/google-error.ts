import type { FakeErrorType } from '../../types.js';
import { sse, type ErrorSpec, type HttpReply, type ReplyContext } from '../codec.js';

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const shapes: Record<FakeErrorType, { status: number; message: (ctx: ReplyContext) => string }> = {
  rate_limit: { status: 429, message: () => 'Resource has been exhausted (e.g. check quota).' },
  quota: {
    status: 429,
    message: () => 'You exceeded your current quota, please check your plan and billing details.',
  },
  // The real API answers a bad key with 400 INVALID_ARGUMENT and ErrorInfo reason API_KEY_INVALID.
  auth: { status: 400, message: () => 'API key not valid. Please pass a valid API key.' },
  permission: { status: 403, message: () => 'Permission denied: Consumer has been suspended.' },
  not_found: {
    status: 404,
    message: (c) =>
      `models/${c.model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  },
  bad_request: { status: 400, message: () => 'Request contains an invalid argument.' },
  context_length: {
    status: 400,
    message: () =>
      'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
  },
  server: {
    status: 500,
    message: () =>
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  overloaded: { status: 503, message: () => 'The model is overloaded. Please try again later.' },
};

function details(spec: ErrorSpec, ctx: ReplyContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (spec.type === 'auth') {
    out.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
  }
  if (spec.type === 'quota') {
    out.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
          quotaDimensions: { location: 'global', model: ctx.model },
          quotaValue: '50',
        },
      ],
    });
    out.push({
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    });
  }
  const delayMs =
    spec.retryAfterMs ?? (spec.retryAfter !== undefined ? spec.retryAfter * 1000 : undefined);
  if (delayMs !== undefined)
    out.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${delayMs / 1000}s`,
    });
  return out;
}

function errorBody(
  spec: ErrorSpec,
  ctx: ReplyContext,
): { status: number; body: Record<string, unknown> } {
  const shape = shapes[spec.type];
  const status = spec.status ?? shape.status;
  const extra = details(spec, ctx);
  return {
    status,
    body: {
      error: {
        code: status,
        message: spec.message ?? shape.message(ctx),
        status: statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
        ...(extra.length > 0 ? { details: extra } : {}),
      },
    },
  };
}

/** A Gemini error response (`google.rpc.Status`); a scripted wait goes out as RetryInfo, not as a header. */
export function googleError(spec: ErrorSpec, ctx: ReplyContext): HttpReply {
  const { status, body } = errorBody(spec, ctx);
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
  };
}

/** An error inside a started stream: a `data:` line holding `{ error }`. */
export function googleStreamError(spec: ErrorSpec, ctx: ReplyContext): string {
  return sse(errorBody(spec, ctx).body);
}
