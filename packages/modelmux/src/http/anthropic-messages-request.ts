import type {
  ChatRequest,
  ContentPart,
  Message,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from '@modelmux/core';
import { badRequest } from './http-error.js';
import { isObject, textOf } from './wire-helpers.js';

function imageOf(block: Record<string, unknown>, field: string): ContentPart {
  const source = block.source;
  if (
    isObject(source) &&
    source.type === 'base64' &&
    typeof source.data === 'string' &&
    typeof source.media_type === 'string'
  )
    return {
      type: 'image',
      source: { kind: 'base64', data: source.data, mediaType: source.media_type },
    };
  if (isObject(source) && source.type === 'url' && typeof source.url === 'string')
    return { type: 'image', source: { kind: 'url', url: source.url } };
  throw badRequest(
    `${field}.source`,
    "must be { type: 'base64', media_type, data } or { type: 'url', url }",
  );
}

/** A user turn: tool results become tool messages (first), the rest one user message. */
function userTurn(content: unknown, field: string, names: Map<string, string>): Message[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  if (!Array.isArray(content))
    throw badRequest(field, 'must be a string or an array of content blocks');
  const out: Message[] = [];
  const parts: ContentPart[] = [];
  content.forEach((block: unknown, j) => {
    const at = `${field}.${j}`;
    if (!isObject(block)) throw badRequest(at, 'must be a content block object');
    if (block.type === 'text' && typeof block.text === 'string')
      parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push(imageOf(block, at));
    else if (block.type === 'tool_result') {
      if (typeof block.tool_use_id !== 'string')
        throw badRequest(
          `${at}.tool_use_id`,
          'a tool_result needs the id of the tool_use it answers',
        );
      const result = block.content === undefined ? '' : textOf(block.content, `${at}.content`);
      const toolName = names.get(block.tool_use_id);
      out.push({
        role: 'tool',
        toolCallId: block.tool_use_id,
        result: block.is_error === true ? `Error: ${result}` : result,
        ...(toolName !== undefined && { toolName }),
      });
    } else
      throw badRequest(
        `${at}.type`,
        "only 'text', 'image' and 'tool_result' blocks are supported in user turns",
      );
  });
  if (parts.length > 0)
    out.push({
      role: 'user',
      content: parts.every((p) => p.type === 'text')
        ? parts.map((p) => (p as { text: string }).text).join('')
        : parts,
    });
  return out;
}

function assistantTurn(content: unknown, field: string, names: Map<string, string>): Message {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content))
    throw badRequest(field, 'must be a string or an array of content blocks');
  let text = '';
  const toolCalls: ToolCall[] = [];
  content.forEach((block: unknown, j) => {
    const at = `${field}.${j}`;
    if (!isObject(block)) throw badRequest(at, 'must be a content block object');
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block.type === 'tool_use') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string')
        throw badRequest(at, 'a tool_use block needs { id, name, input }');
      names.set(block.id, block.name);
      const args = block.input ?? {};
      toolCalls.push({ id: block.id, name: block.name, args, rawArgs: JSON.stringify(args) });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking')
      throw badRequest(
        `${at}.type`,
        "only 'text', 'tool_use' and thinking blocks are supported in assistant turns",
      );
  });
  return { role: 'assistant', content: text, ...(toolCalls.length > 0 && { toolCalls }) };
}

function tools(value: unknown): ToolDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('tools', 'must be an array of tools');
  return value.map((tool: unknown, i): ToolDefinition => {
    if (!isObject(tool) || typeof tool.name !== 'string')
      throw badRequest(`tools.${i}`, 'must be { name, description?, input_schema }');
    if (tool.type !== undefined && tool.type !== 'custom')
      throw badRequest(
        `tools.${i}.type`,
        'server tools are not supported: define a custom tool with input_schema',
      );
    return {
      name: tool.name,
      ...(typeof tool.description === 'string' && { description: tool.description }),
      parameters: isObject(tool.input_schema)
        ? tool.input_schema
        : { type: 'object', properties: {} },
    };
  });
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) {
    if (value.type === 'auto') return 'auto';
    if (value.type === 'any') return 'required';
    if (value.type === 'none') return 'none';
    if (value.type === 'tool' && typeof value.name === 'string') return { name: value.name };
  }
  throw badRequest(
    'tool_choice',
    "must be { type: 'auto' | 'any' | 'none' } or { type: 'tool', name }",
  );
}

function number(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest(key, 'must be a number');
  return value;
}

/** Reads an Anthropic Messages body (`system`, `messages` of blocks, `tools`, `max_tokens`). */
export function readAnthropicMessages(body: Record<string, unknown>): {
  request: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
} {
  const maxTokens = number(body, 'max_tokens');
  if (maxTokens === undefined) throw badRequest('max_tokens', 'is required (a positive integer)');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw badRequest('messages', 'must be a non-empty array of messages');
  const names = new Map<string, string>();
  const messages: Message[] = [];
  if (body.system !== undefined && body.system !== null)
    messages.push({ role: 'system', content: textOf(body.system, 'system') });
  body.messages.forEach((m: unknown, i) => {
    const field = `messages.${i}`;
    if (!isObject(m)) throw badRequest(field, 'must be a message object with a role');
    if (m.role === 'user') messages.push(...userTurn(m.content, `${field}.content`, names));
    else if (m.role === 'assistant')
      messages.push(assistantTurn(m.content, `${field}.content`, names));
    else
      throw badRequest(
        `${field}.role`,
        "must be 'user' or 'assistant' (the system prompt goes in `system`)",
      );
  });
  const temperature = number(body, 'temperature');
  const topP = number(body, 'top_p');
  const stop = body.stop_sequences;
  if (stop !== undefined && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string')))
    throw badRequest('stop_sequences', 'must be an array of strings');
  const toolList = tools(body.tools);
  const choice = toolChoice(body.tool_choice);
  const topK = number(body, 'top_k');
  return {
    request: {
      messages,
      maxTokens,
      ...(temperature !== undefined && { temperature }),
      ...(topP !== undefined && { topP }),
      ...(stop !== undefined && { stop: stop as string[] }),
      ...(toolList && toolList.length > 0 && { tools: toolList }),
      ...(choice !== undefined && toolList && toolList.length > 0 && { toolChoice: choice }),
      ...(topK !== undefined && { providerOptions: { anthropic: { top_k: topK } } }),
    },
    stream: body.stream === true,
    includeUsage: true,
  };
}
