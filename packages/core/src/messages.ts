/** A plain text part of a user message. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** Where an image comes from: a URL the provider fetches, or inline base64 data. */
export type ImageSource =
  { kind: 'url'; url: string } | { kind: 'base64'; data: string; mediaType: string };

/** An image part of a user message. */
export interface ImagePart {
  type: 'image';
  source: ImageSource;
}

/** One part of a multi-part user message. */
export type ContentPart = TextPart | ImagePart;

/** A tool call made by the model. `args` is the parsed JSON, `rawArgs` the text the model sent. */
export interface ToolCall {
  id: string;
  name: string;
  args: unknown;
  rawArgs: string;
}

/** Instructions for the model. Several are joined in order by adapters that allow only one. */
export interface SystemMessage {
  role: 'system';
  content: string;
}

/** What the user said: text, or parts mixing text and images. */
export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
}

/** What the model said earlier; may carry the tool calls it made. */
export interface AssistantMessage {
  role: 'assistant';
  content: string;
  toolCalls?: ToolCall[];
}

/**
 * The result of a tool call, sent back to the model. `result` is a string or any
 * JSON-serialisable value; `toolName` is optional (adapters that need it look it up).
 */
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  toolName?: string;
  result: unknown;
}

/** Any message of a conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** Every role a message may have. */
export type Role = Message['role'];
