import type { ChatRequest } from './chat.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import type { Message } from './messages.js';

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
  if (typeof input === 'string') request = { messages: promptToMessages(input) };
  else if (Array.isArray(input)) request = { messages: input };
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

const roles = new Set(['system', 'user', 'assistant', 'tool']);

/** Checks a request's shape; throws `InvalidRequestError` naming the first bad field. */
export function validateChatRequest(request: ChatRequest<unknown>): void {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw new InvalidRequestError({
      field: 'messages',
      message: 'must be a non-empty array of messages (or pass a prompt string)',
    });
  }
  request.messages.forEach((m, i) => {
    if (!m || typeof m !== 'object' || !roles.has((m as Message).role)) {
      throw new InvalidRequestError({
        field: `messages.${i}.role`,
        message: "must be one of 'system', 'user', 'assistant', 'tool'",
      });
    }
    if (m.role === 'tool') {
      if (typeof m.toolCallId !== 'string' || m.toolCallId === '') {
        throw new InvalidRequestError({
          field: `messages.${i}.toolCallId`,
          message: 'a tool message needs the id of the tool call it answers',
        });
      }
    } else if (typeof m.content !== 'string' && !(m.role === 'user' && Array.isArray(m.content))) {
      throw new InvalidRequestError({
        field: `messages.${i}.content`,
        message: m.role === 'user' ? 'must be a string or an array of parts' : 'must be a string',
      });
    }
  });
  checkRange(request.temperature, 'temperature', 0, 2);
  checkRange(request.topP, 'topP', 0, 1);
  if (
    request.maxTokens !== undefined &&
    (!Number.isInteger(request.maxTokens) || request.maxTokens <= 0)
  ) {
    throw new InvalidRequestError({ field: 'maxTokens', message: 'must be a positive integer' });
  }
  if (request.toolChoice !== undefined && request.toolChoice !== 'none' && !request.tools?.length) {
    throw new InvalidRequestError({
      field: 'toolChoice',
      message: 'needs at least one tool in `tools`',
    });
  }
  if (
    typeof request.toolChoice === 'object' &&
    !request.tools?.some((t) => t.name === (request.toolChoice as { name: string }).name)
  ) {
    throw new InvalidRequestError({
      field: 'toolChoice.name',
      message: `no tool named "${request.toolChoice.name}" in \`tools\``,
    });
  }
  request.tools?.forEach((t, i) => {
    if (!t || typeof t.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(t.name)) {
      throw new InvalidRequestError({
        field: `tools.${i}.name`,
        message: 'must be 1-64 letters, digits, _ or -',
      });
    }
    if (!t.parameters || typeof t.parameters !== 'object') {
      throw new InvalidRequestError({
        field: `tools.${i}.parameters`,
        message: 'must be a zod schema or a JSON Schema object',
      });
    }
  });
}

function checkRange(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new InvalidRequestError({ field, message: `must be a number from ${min} to ${max}` });
  }
}
