// The request-handler contract shared with `modelmux`'s `createOpenAIHandler` (branch `http`).
// Re-exported from `modelmux` once that lands; the gateway only consumes these types.
export type { HandlerContext, HandlerRecord, OpenAIHandler, OpenAIHandlerOptions } from 'modelmux';
export { createOpenAIHandler } from 'modelmux';
