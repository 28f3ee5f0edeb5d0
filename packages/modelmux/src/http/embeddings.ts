import type { EmbedOptions } from '../routed-llm.js';
import type { HandlerFactory } from './handler-types.js';
import { readHints } from './hints.js';
import { badRequest } from './http-error.js';
import { readJsonBody } from './read-body.js';
import { type RequestScope, upstreamMs } from './request-scope.js';
import { assertAllowed, resolveModelId } from './resolve-model.js';

function inputOf(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((t) => typeof t === 'string'))
    return input as string[];
  throw badRequest(
    'input',
    'must be a string or a non-empty array of strings (token arrays are not supported)',
  );
}

/** A vector as OpenAI's `base64` encoding: float32 little-endian bytes. */
function base64Of(vector: readonly number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

/** `POST /embeddings`: OpenAI's body and answer, routed by `RoutedLLM.embed`. */
export async function runEmbeddings(
  factory: HandlerFactory,
  http: Request,
  scope: RequestScope,
  maxBodyBytes: number,
): Promise<Response> {
  const body = await readJsonBody(http, maxBodyBytes);
  if (typeof body.model === 'string') scope.model = body.model;
  const target = resolveModelId(factory, body.model);
  assertAllowed(target, scope.context?.allowedModels);
  const texts = inputOf(body.input);
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw badRequest('encoding_format', "must be 'float' or 'base64'");
  const dimensions = body.dimensions;
  if (
    dimensions !== undefined &&
    (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)
  )
    throw badRequest('dimensions', 'must be a positive integer');
  const hints = readHints(http.headers, body, target, scope.context);
  const signals = [scope.context?.signal, http.signal].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const options: EmbedOptions = {
    ...(target.model !== undefined && { model: target.model }),
    ...(dimensions !== undefined && { dimensions }),
    ...(hints.metadata !== undefined && { metadata: hints.metadata }),
    ...(signals.length > 0 && {
      signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals),
    }),
  };
  const result = await factory.getProvider(target.provider).embed(texts, options);
  const overheadMs = scope.elapsed() - upstreamMs(result.attempts);
  const tokens = result.usage.inputTokens;
  const answered = {
    ...result,
    usage: { inputTokens: tokens, outputTokens: 0, totalTokens: tokens },
  };
  const headers = scope.routedHeaders(answered, overheadMs);
  headers.set('content-type', 'application/json');
  scope.finishAnswered(answered, 200, overheadMs);
  const answer = {
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: format === 'base64' ? base64Of(vector) : vector,
    })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
  };
  return new Response(JSON.stringify(answer), { status: 200, headers });
}
