import type { HandlerFactory } from './handler-types.js';
import type { RequestScope } from './request-scope.js';
import { isAllowed, listModelIds, resolveModelId } from './resolve-model.js';

/** `GET /models`: every id the handler answers to (those the caller may use), OpenAI's list shape. */
export function runModels(factory: HandlerFactory, scope: RequestScope): Response {
  const allowed = scope.context?.allowedModels;
  const ids = listModelIds(factory).filter(
    (id) => allowed === undefined || isAllowed(resolveModelId(factory, id), allowed),
  );
  const data = ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'modelmux' }));
  const headers = new Headers({
    'content-type': 'application/json',
    'x-request-id': scope.requestId,
  });
  scope.finish({ status: 200 });
  return new Response(JSON.stringify({ object: 'list', data }), { status: 200, headers });
}
