import type { FakeErrorType } from '../../types.js';
import { sse, type ErrorSpec, type HttpReply, type ReplyContext } from '../codec.js';

interface OpenAIErrorShape {
  status: number;
  type: string;
  code: string | null;
  param: string | null;
  message: (ctx: ReplyContext) => string;
}

const shapes: Record<FakeErrorType, OpenAIErrorShape> = {
  rate_limit: {
    status: 429,
    type: 'requests',
    code: 'rate_limit_exceeded',
    param: null,
    message: (c) =>
      `Rate limit reached for ${c.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again later.`,
  },
  quota: {
    status: 429,
    type: 'insufficient_quota',
    code: 'insufficient_quota',
    param: null,
    message: () => 'You exceeded your current quota, please check your plan and billing details.',
  },
  auth: {
    status: 401,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    param: null,
    message: () =>
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  permission: {
    status: 403,
    type: 'invalid_request_error',
    code: 'unsupported_country_region_territory',
    param: null,
    message: () => 'Country, region, or territory not supported',
  },
  not_found: {
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: null,
    message: (c) => `The model \`${c.model}\` does not exist or you do not have access to it.`,
  },
  bad_request: {
    status: 400,
    type: 'invalid_request_error',
    code: null,
    param: null,
    message: () => 'Invalid request.',
  },
  context_length: {
    status: 400,
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    param: 'messages',
    message: () =>
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
  },
  server: {
    status: 500,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The server had an error while processing your request. Sorry about that!',
  },
  overloaded: {
    status: 503,
    type: 'server_error',
    code: null,
    param: null,
    message: () => 'The engine is currently overloaded, please try again later.',
  },
};

/** The `{ error: { message, type, param, code } }` body of an OpenAI/Groq error. */
export function openAIErrorBody(
  spec: ErrorSpec,
  ctx: ReplyContext,
): { status: number; body: Record<string, unknown> } {
  const shape = shapes[spec.type];
  return {
    status: spec.status ?? shape.status,
    body: {
      error: {
        message: spec.message ?? shape.message(ctx),
        type: shape.type,
        param: shape.param,
        code: shape.code,
      },
    },
  };
}

/** An OpenAI/Groq error response with `retry-after` / `retry-after-ms` when scripted. */
export function openAIError(spec: ErrorSpec, ctx: ReplyContext): HttpReply {
  const { status, body } = openAIErrorBody(spec, ctx);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  if (spec.retryAfterMs !== undefined) headers['retry-after-ms'] = String(spec.retryAfterMs);
  return { status, headers, body: JSON.stringify(body) };
}

/** An error inside an OpenAI stream: a `data:` line holding `{ error }` (the SDK throws an APIError). */
export function openAIStreamError(spec: ErrorSpec, ctx: ReplyContext): string {
  return sse(openAIErrorBody(spec, ctx).body);
}
