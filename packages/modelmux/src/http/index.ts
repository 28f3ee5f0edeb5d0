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

/** A `fetch` that serves the handler in process: no server, no socket. */
export function createOpenAIFetch(
  factory: HandlerFactory,
  options: OpenAIHandlerOptions = {},
): typeof fetch {
  const handle = createOpenAIHandler(factory, options);
  return ((input: string | URL | Request, init?: RequestInit) =>
    handle(
      input instanceof Request && init === undefined ? input : new Request(input, init),
    )) as typeof fetch;
}

export type {
  HandlerContext,
  HandlerHints,
  HandlerRecord,
  OpenAIHandler,
  OpenAIHandlerOptions,
} from './handler-types.js';
