import type { ChatRequest, Message } from '@modelmux/core';

function copyMessage(message: Message): Message {
  if (message.role === 'user' && Array.isArray(message.content))
    return { ...message, content: message.content.map((part) => ({ ...part })) };
  if (message.role === 'assistant' && message.toolCalls)
    return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call })) };
  return { ...message };
}

/**
 * A copy of a request for `formatRequest`, one per call: the messages (and their parts and tool
 * calls), tools, stop list, metadata and provider options are new containers, so an in-place
 * edit by the hook (`request.messages.unshift(…)`) never reaches the caller's object nor the next
 * attempt. Schemas and the signal are shared (they are not edited; a zod schema cannot be cloned).
 */
export function copyRequest<T extends ChatRequest>(request: T): T {
  const copy: ChatRequest = { ...request, messages: request.messages.map(copyMessage) };
  if (request.tools) copy.tools = request.tools.map((tool) => ({ ...tool }));
  if (request.stop) copy.stop = [...request.stop];
  if (request.metadata)
    copy.metadata = {
      ...request.metadata,
      ...(request.metadata.tags && { tags: [...request.metadata.tags] }),
    };
  if (request.providerOptions)
    copy.providerOptions = Object.fromEntries(
      Object.entries(request.providerOptions).map(([type, fields]) => [type, { ...fields }]),
    );
  return copy as T;
}
