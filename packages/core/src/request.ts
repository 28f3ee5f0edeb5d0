import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import type { Message } from './messages.js';
import { validateChatRequest } from './validate-chat-request.js';

/** What a caller may pass where a chat request is expected: a prompt, messages, or a request. */
export type ChatInput<T = unknown> = string | Message[] | ChatRequest<T>;

/** Turns a plain prompt into messages: an optional system message, then the user's text. */
export function promptToMessages(prompt: string, system?: string): Message[] {
  const messages: Message[] = [];
  if (system !== undefined) messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: prompt });
  return messages;
}

/**
 * Normalises any chat input to a `ChatRequest` once, and checks the fields every provider
 * relies on. Throws `InvalidRequestError` naming the field and the fix.
 */
export function toChatRequest<T = unknown>(
  input: ChatInput<T>,
  overrides?: Partial<ChatRequest<T>>,
): ChatRequest<T> {
  let request: ChatRequest<T>;
  if (typeof input === 'string') {
    if (input.trim() === '')
      throw new InvalidRequestError({
        field: 'input',
        message: 'the prompt is empty: pass some text',
      });
    request = { messages: promptToMessages(input) };
  } else if (Array.isArray(input)) request = { messages: input };
  else if (input && typeof input === 'object') request = input;
  else
    throw new InvalidRequestError({
      field: 'input',
      message: 'expected a prompt string, an array of messages or a ChatRequest object',
    });
  if (overrides) request = { ...request, ...overrides };
  validateChatRequest(request);
  return request;
}

export { validateChatRequest } from './validate-chat-request.js';
