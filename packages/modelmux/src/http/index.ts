import type {
  HandlerContext,
  HandlerFactory,
  OpenAIHandler,
  OpenAIHandlerOptions,
} from './handler-types.js';

/**
 * The OpenAI HTTP API (`POST {base}/chat/completions`, `POST {base}/embeddings`,
 * `GET {base}/models`) and Anthropic's Messages API (`POST {base}/messages`) on web-standard
 * `Request`/`Response`, served through the factory's routing, fallback, budgets and metrics.
 * Model ids: `auto`, a strategy, a provider, or `provider/model`. The implementation loads on
 * the first request, so `import 'modelmux'` does not pay for it.
 *
 * @example
 * const handle = createOpenAIHandler(factory);
 * const response = await handle(new Request('http://localhost/v1/models'));
 */
export function createOpenAIHandler(
  factory: HandlerFactory,
  options: OpenAIHandlerOptions = {},
): OpenAIHandler {
  let handler: OpenAIHandler | undefined;
  let loading: Promise<OpenAIHandler> | undefined;
  const load = () =>
    (loading ??= import('./create-openai-handler.js').then(
      (module) => (handler = module.createOpenAIHandler(factory, options)),
    ));
  return (request: Request, context?: HandlerContext) =>
    handler ? handler(request, context) : load().then((loaded) => loaded(request, context));
}

const neverAborted = new AbortController().signal;

/**
 * The request as the handler reads it (url, method, headers, signal, text). For what the SDKs
 * send (a URL string and a string body) it is a plain object, skipping the cost of building a
 * `Request` and streaming its body back out; anything else becomes a real `Request`.
 */
function inProcessRequest(input: string | URL | Request, init: RequestInit | undefined): Request {
  if (input instanceof Request) return init === undefined ? input : new Request(input, init);
  const body = init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string')
    return new Request(input, init);
  const text = body ?? '';
  return {
    url: typeof input === 'string' ? input : input.href,
    method: (init?.method ?? 'GET').toUpperCase(),
    headers: new Headers(init?.headers),
    signal: init?.signal ?? neverAborted,
    text: () => Promise.resolve(text),
  } as Request;
}

/** A `fetch` that serves the handler in process: no server, no socket. */
export function createOpenAIFetch(
  factory: HandlerFactory,
  options: OpenAIHandlerOptions = {},
): typeof fetch {
  const handle = createOpenAIHandler(factory, options);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = inProcessRequest(input, init);
    const response = await handle(request);
    // As fetch does: an aborted request rejects with an AbortError (the SDKs map it to their own).
    if (request.signal.aborted) throw new DOMException('This operation was aborted', 'AbortError');
    return response;
  }) as typeof fetch;
}

export type {
  HandlerContext,
  HandlerHints,
  HandlerRecord,
  OpenAIHandler,
  OpenAIHandlerOptions,
} from './handler-types.js';
