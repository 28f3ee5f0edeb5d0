import { HttpError } from './http-error.js';

/** The default largest body: 4 MiB (images as base64 fit; a runaway client does not). */
export const defaultMaxBodyBytes = 4 * 1024 * 1024;

function tooLarge(limit: number): HttpError {
  return new HttpError({
    status: 413,
    type: 'invalid_request_error',
    code: 'request_too_large',
    message: `The request body is larger than ${limit} bytes`,
    errorKind: 'too_large',
  });
}

/** Reads a JSON object body: 413 over `limit` bytes, 400 when it is not a JSON object. */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<Record<string, unknown>> {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > limit) throw tooLarge(limit);
  const text = await request.text();
  if (text.length * 3 > limit && Buffer.byteLength(text) > limit) throw tooLarge(limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_json',
      message: 'The request body is not valid JSON',
      errorKind: 'bad_request',
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_json',
      message: 'The request body must be a JSON object',
      errorKind: 'bad_request',
    });
  return body as Record<string, unknown>;
}
