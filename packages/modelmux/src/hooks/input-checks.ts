import {
  type ChatRequest,
  type ContentPart,
  type HooksConfig,
  InvalidRequestError,
  type Message,
} from '@modelmux/core';

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const controlCharactersGlobal = new RegExp(controlCharacters.source, 'g');

function textLength(message: Message): number {
  if (message.role === 'tool')
    return typeof message.result === 'string' ? message.result.length : 0;
  if (typeof message.content === 'string') return message.content.length;
  if (!Array.isArray(message.content)) return 0;
  let length = 0;
  for (const part of message.content as ContentPart[])
    if (part.type === 'text') length += part.text.length;
  return length;
}

function clean(text: string): string {
  return controlCharacters.test(text) ? text.replace(controlCharactersGlobal, '') : text;
}

function cleanMessage(message: Message): Message {
  if (message.role === 'tool') return message;
  if (typeof message.content === 'string') {
    const content = clean(message.content);
    return content === message.content ? message : ({ ...message, content } as Message);
  }
  if (!Array.isArray(message.content)) return message;
  let changed = false;
  const parts = (message.content as ContentPart[]).map((part) => {
    if (part.type !== 'text') return part;
    const text = clean(part.text);
    if (text === part.text) return part;
    changed = true;
    return { ...part, text };
  });
  return changed ? ({ ...message, content: parts } as Message) : message;
}

/**
 * The built-in `beforeRequest` checks, run before the user's hook: refuses a request whose
 * message text is longer than `maxInputChars` (`InvalidRequestError` on `messages`), and removes
 * control characters other than tab and line breaks from every text (copy on write: a clean
 * request is returned as it is).
 */
export function checkInput(request: ChatRequest, hooks: HooksConfig): ChatRequest {
  let total = 0;
  for (const message of request.messages) total += textLength(message);
  if (total > hooks.maxInputChars) {
    throw new InvalidRequestError({
      field: 'messages',
      message: `the text is ${total} characters, above the limit of ${hooks.maxInputChars}: shorten it, or raise hooks.maxInputChars in the config`,
    });
  }
  if (!hooks.stripControlCharacters) return request;
  let changed = false;
  const messages = request.messages.map((message) => {
    const cleaned = cleanMessage(message);
    if (cleaned !== message) changed = true;
    return cleaned;
  });
  return changed ? { ...request, messages } : request;
}
