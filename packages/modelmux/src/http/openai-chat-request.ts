import type {
  ChatRequest,
  ContentPart,
  ImagePart,
  Message,
  ResponseFormat,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from '@modelmux/core';
import { badRequest } from './http-error.js';
import { isObject, parseArgs, parseImageUrl, textOf } from './wire-helpers.js';

/** A chat completions body read into modelmux's request, plus what shapes the answer. */
export interface OpenAIChatCall {
  request: ChatRequest;
  stream: boolean;
  includeUsage: boolean;
}

/** Body fields whose meaning modelmux cannot honour: refused rather than silently dropped. */
const refused: Record<string, string> = {
  functions: "the legacy `functions` field is not supported: use `tools` with type 'function'",
  function_call: 'the legacy `function_call` field is not supported: use `tool_choice`',
  logprobs: 'log probabilities are not returned by modelmux: remove it',
  top_logprobs: 'log probabilities are not returned by modelmux: remove it',
  audio: 'audio output is not supported: remove it',
};

/** Sampling fields OpenAI-format vendors take as they are (passed under their provider type). */
const passThrough = [
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'reasoning_effort',
  'parallel_tool_calls',
  'logit_bias',
  'service_tier',
] as const;
const openAIFormatTypes = ['openai', 'groq', 'openai-compatible'] as const;

function userContent(content: unknown, field: string): string | ContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw badRequest(field, 'must be a string or an array of content parts');
  return content.map((part: unknown, j): ContentPart => {
    const at = `${field}.${j}`;
    if (!isObject(part)) throw badRequest(at, 'must be a content part object');
    if (part.type === 'text' && typeof part.text === 'string')
      return { type: 'text', text: part.text };
    if (part.type === 'image_url' && isObject(part.image_url)) {
      const source = parseImageUrl(part.image_url.url, `${at}.image_url.url`);
      return { type: 'image', source } satisfies ImagePart;
    }
    throw badRequest(
      `${at}.type`,
      "only 'text' and 'image_url' parts are supported (audio and files are not)",
    );
  });
}

function toolCallsOf(value: unknown, field: string): ToolCall[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(field, 'must be an array of tool calls');
  return value.map((call: unknown, j): ToolCall => {
    const at = `${field}.${j}`;
    if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string')
      throw badRequest(at, "must be { id, type: 'function', function: { name, arguments } }");
    const rawArgs = typeof call.function.arguments === 'string' ? call.function.arguments : '{}';
    return {
      id: typeof call.id === 'string' ? call.id : `call_${j}`,
      name: call.function.name,
      args: parseArgs(rawArgs),
      rawArgs,
    };
  });
}

function message(value: unknown, i: number, names: Map<string, string>): Message {
  const field = `messages.${i}`;
  if (!isObject(value)) throw badRequest(field, 'must be a message object with a role');
  const { role, content } = value;
  if (role === 'system' || role === 'developer')
    return { role: 'system', content: textOf(content, `${field}.content`) };
  if (role === 'user') return { role: 'user', content: userContent(content, `${field}.content`) };
  if (role === 'assistant') {
    const toolCalls = toolCallsOf(value.tool_calls, `${field}.tool_calls`);
    for (const call of toolCalls ?? []) names.set(call.id, call.name);
    const text =
      content === null || content === undefined ? '' : textOf(content, `${field}.content`);
    return { role: 'assistant', content: text, ...(toolCalls && { toolCalls }) };
  }
  if (role === 'tool') {
    if (typeof value.tool_call_id !== 'string')
      throw badRequest(
        `${field}.tool_call_id`,
        'a tool message needs the id of the call it answers',
      );
    const toolName = names.get(value.tool_call_id);
    return {
      role: 'tool',
      toolCallId: value.tool_call_id,
      result: textOf(content, `${field}.content`),
      ...(toolName !== undefined && { toolName }),
    };
  }
  throw badRequest(`${field}.role`, "must be 'system', 'developer', 'user', 'assistant' or 'tool'");
}

function tools(value: unknown): ToolDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest('tools', 'must be an array of function tools');
  return value.map((tool: unknown, i): ToolDefinition => {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function))
      throw badRequest(
        `tools.${i}`,
        "must be { type: 'function', function: { name, parameters } }",
      );
    const fn = tool.function;
    if (typeof fn.name !== 'string')
      throw badRequest(`tools.${i}.function.name`, 'must be a string');
    return {
      name: fn.name,
      ...(typeof fn.description === 'string' && { description: fn.description }),
      parameters: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
    };
  });
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (isObject(value) && isObject(value.function) && typeof value.function.name === 'string')
    return { name: value.function.name };
  throw badRequest(
    'tool_choice',
    "must be 'auto', 'none', 'required' or { type: 'function', function: { name } }",
  );
}

function responseFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest('response_format', 'must be an object with a type');
  if (value.type === 'text') return undefined;
  if (value.type === 'json_object') return { type: 'json' };
  if (value.type === 'json_schema' && isObject(value.json_schema)) {
    const spec = value.json_schema;
    return {
      type: 'json',
      ...(isObject(spec.schema) && { schema: spec.schema }),
      ...(typeof spec.name === 'string' && { name: spec.name }),
      ...(typeof spec.description === 'string' && { description: spec.description }),
    };
  }
  throw badRequest(
    'response_format.type',
    "must be 'text', 'json_object' or 'json_schema' (with json_schema.schema)",
  );
}

function stop(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value;
  throw badRequest('stop', 'must be a string or an array of strings');
}

function number(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest(key, 'must be a number');
  return value;
}

function checkRefused(body: Record<string, unknown>): void {
  const n = body.n;
  if (n !== undefined && n !== null && n !== 1)
    throw badRequest(
      'n',
      'modelmux returns one choice per request: remove it (or set 1) and send several requests',
    );
  for (const [key, why] of Object.entries(refused)) {
    const value = body[key];
    if (value !== undefined && value !== null && value !== false) throw badRequest(key, why);
  }
  const modalities = body.modalities;
  if (Array.isArray(modalities) && modalities.some((m) => m !== 'text'))
    throw badRequest('modalities', "only 'text' output is supported");
}

function vendorOptions(body: Record<string, unknown>): ChatRequest['providerOptions'] {
  const fields: Record<string, unknown> = {};
  for (const key of passThrough)
    if (body[key] !== undefined && body[key] !== null) fields[key] = body[key];
  if (Object.keys(fields).length === 0) return undefined;
  return Object.fromEntries(openAIFormatTypes.map((type) => [type, fields]));
}

/**
 * Reads an OpenAI chat completions body into a `ChatRequest`. Fields that change what an answer
 * means and that modelmux cannot honour (`n` > 1, logprobs, audio, legacy functions) are refused
 * with a 400 naming them; other unknown fields are ignored, as OpenAI does.
 */
export function readOpenAIChat(body: Record<string, unknown>): OpenAIChatCall {
  checkRefused(body);
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw badRequest('messages', 'must be a non-empty array of messages');
  const names = new Map<string, string>();
  const messages = body.messages.map((m: unknown, i) => message(m, i, names));
  const maxTokens = number(body, 'max_completion_tokens') ?? number(body, 'max_tokens');
  const temperature = number(body, 'temperature');
  const topP = number(body, 'top_p');
  const stops = stop(body.stop);
  const toolList = tools(body.tools);
  const choice = toolChoice(body.tool_choice);
  const format = responseFormat(body.response_format);
  const providerOptions = vendorOptions(body);
  const request: ChatRequest = {
    messages,
    ...(maxTokens !== undefined && { maxTokens }),
    ...(temperature !== undefined && { temperature }),
    ...(topP !== undefined && { topP }),
    ...(stops && { stop: stops }),
    ...(toolList && toolList.length > 0 && { tools: toolList }),
    ...(choice !== undefined && toolList && toolList.length > 0 && { toolChoice: choice }),
    ...(format && { responseFormat: format }),
    ...(providerOptions && { providerOptions }),
  };
  const options = isObject(body.stream_options) ? body.stream_options : undefined;
  return {
    request,
    stream: body.stream === true,
    includeUsage: options?.include_usage === true,
  };
}
