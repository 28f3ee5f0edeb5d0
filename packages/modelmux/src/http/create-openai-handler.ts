import type { ProviderFactory } from '../provider-factory.js';
import { anthropicFormat } from './anthropic-format.js';
import { runEmbeddings } from './embeddings.js';
import type {
  HandlerContext,
  HandlerFactory,
  HandlerRecord,
  OpenAIHandler,
  OpenAIHandlerOptions,
} from './handler-types.js';
import { requestIdOf } from './hints.js';
import { errorResponse, HttpError, toHttpError } from './http-error.js';
import { runModels } from './models.js';
import { openAIFormat } from './openai-format.js';
import { defaultMaxBodyBytes } from './read-body.js';
import { RequestScope } from './request-scope.js';
import { runChat } from './run-chat.js';

type Route = { endpoint: HandlerRecord['endpoint']; method: 'GET' | 'POST' };

function routesUnder(base: string): Map<string, Route> {
  return new Map<string, Route>([
    [`${base}/chat/completions`, { endpoint: 'chat', method: 'POST' }],
    [`${base}/embeddings`, { endpoint: 'embeddings', method: 'POST' }],
    [`${base}/models`, { endpoint: 'models', method: 'GET' }],
    [`${base}/messages`, { endpoint: 'messages', method: 'POST' }],
  ]);
}

/** The path of a URL string without parsing all of it (`http://host/v1/x?y` → `/v1/x`). */
function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (start < 0) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  const path = url.slice(start, end);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function refusal(status: 404 | 405, message: string): HttpError {
  return new HttpError({
    status,
    type: 'invalid_request_error',
    code: status === 404 ? 'unknown_url' : 'method_not_allowed',
    message,
    errorKind: status === 404 ? 'not_found' : 'method',
  });
}

/**
 * The OpenAI HTTP API (chat completions, embeddings, models) and Anthropic's Messages API on
 * web-standard `Request`/`Response`, served by a factory: the in-process `factory.openaiFetch()`
 * and `@modelmux/gateway` both run it. Model ids: `auto`, a strategy, a provider, `provider/model`.
 *
 * @example
 * const handle = createOpenAIHandler(factory);
 * const response = await handle(new Request('http://x/v1/models'));
 */
export function createOpenAIHandler(
  factory: ProviderFactory | HandlerFactory,
  options: OpenAIHandlerOptions = {},
): OpenAIHandler {
  const base = (options.basePath ?? '/v1').replace(/\/+$/, '');
  const routes = routesUnder(base);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  return async (request: Request, context?: HandlerContext): Promise<Response> => {
    const started = performance.now();
    const route = routes.get(pathOf(request.url));
    const scope = new RequestScope(route?.endpoint ?? 'chat', context, started);
    scope.requestId = requestIdOf(request.headers, context);
    const format = route?.endpoint === 'messages' ? 'anthropic' : 'openai';
    try {
      if (!route)
        throw refusal(
          404,
          `No route ${request.method} ${pathOf(request.url)}: the API lives under ${base || '/'} (chat/completions, embeddings, models, messages)`,
        );
      if (request.method !== route.method) {
        const response = errorResponse(
          refusal(405, `${request.method} is not allowed here: use ${route.method}`),
          format,
          new Headers({ allow: route.method, 'x-request-id': scope.requestId }),
        );
        scope.finish({ status: 405, errorKind: 'method' });
        return response;
      }
      if (route.endpoint === 'chat')
        return await runChat(factory, request, scope, openAIFormat, maxBodyBytes);
      if (route.endpoint === 'messages')
        return await runChat(factory, request, scope, anthropicFormat, maxBodyBytes);
      if (route.endpoint === 'embeddings')
        return await runEmbeddings(factory, request, scope, maxBodyBytes);
      return runModels(factory, scope);
    } catch (error) {
      const failure = toHttpError(error);
      scope.finish({ status: failure.status, errorKind: failure.errorKind });
      return errorResponse(failure, format, new Headers({ 'x-request-id': scope.requestId }));
    }
  };
}
