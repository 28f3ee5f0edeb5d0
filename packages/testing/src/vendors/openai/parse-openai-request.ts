import type {
  NeutralChatRequest,
  NeutralEmbedRequest,
  NeutralMessage,
  NeutralTool,
  NeutralToolChoice,
  Schema,
} from '../../brain/neutral.js';
import { asArray, asRecord, asString, type ChatRoute, type EmbedRoute } from '../codec.js';

/** Parses an OpenAI (or Groq) chat completion request body into the neutral view. */
export function parseOpenAIChat(body: unknown, route: ChatRoute): NeutralChatRequest {
  const b = asRecord(body);
  const messages = asArray(b['messages']).map(toMessage);
  const tools: NeutralTool[] = asArray(b['tools']).map((t) => {
    const fn = asRecord(asRecord(t)['function']);
    const description = asString(fn['description']);
    return {
      name: asString(fn['name']) ?? 'tool',
      ...(description ? { description } : {}),
      schema: asRecord(fn['parameters']),
    };
  });
  const format = asRecord(b['response_format']);
  let json: NeutralChatRequest['json'];
  if (format['type'] === 'json_schema')
    json = { schema: asRecord(asRecord(format['json_schema'])['schema']) as Schema };
  else if (format['type'] === 'json_object') json = {};
  const stop = b['stop'];
  const maxTokens = b['max_completion_tokens'] ?? b['max_tokens'];
  const cacheable =
    typeof b['prompt_cache_key'] === 'string'
      ? messages.slice(0, -1).reduce((n, m) => n + m.text.length, 0)
      : 0;
  return {
    model: asString(b['model']) ?? route.model,
    messages,
    tools,
    toolChoice: toolChoice(b['tool_choice']),
    ...(json ? { json } : {}),
    ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
    ...(stop !== undefined && stop !== null
      ? { stopSequences: (Array.isArray(stop) ? stop : [stop]).map(String) }
      : {}),
    stream: b['stream'] === true,
    cacheableChars: cacheable,
  };
}

function toMessage(value: unknown): NeutralMessage {
  const m = asRecord(value);
  const role = asString(m['role']);
  const text = contentText(m['content']);
  if (role === 'system' || role === 'developer') return { role: 'system', text };
  if (role === 'tool' || role === 'function') return { role: 'tool', text: '', toolResult: text };
  if (role === 'assistant') {
    const toolCalls = asArray(m['tool_calls']).map((c) => {
      const fn = asRecord(asRecord(c)['function']);
      return {
        name: asString(fn['name']) ?? '',
        args: safeParse(asString(fn['arguments']) ?? '{}'),
      };
    });
    return { role: 'assistant', text, ...(toolCalls.length > 0 ? { toolCalls } : {}) };
  }
  return { role: 'user', text };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((p) => asString(asRecord(p)['text']) ?? '')
    .filter((t) => t.length > 0)
    .join('\n');
}

function toolChoice(choice: unknown): NeutralToolChoice {
  if (choice === 'none' || choice === 'required' || choice === 'auto') return choice;
  const name = asString(asRecord(asRecord(choice)['function'])['name']);
  return name ? { name } : 'auto';
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Default vector sizes of OpenAI's embedding models. */
function defaultDimensions(model: string): number {
  if (model.includes('3-large')) return 3072;
  return 1536;
}

/** Parses an OpenAI embeddings request (input as string, strings, or token arrays). */
export function parseOpenAIEmbed(body: unknown, route: EmbedRoute): NeutralEmbedRequest {
  const b = asRecord(body);
  const model = asString(b['model']) ?? route.model;
  const input = b['input'];
  let inputs: string[];
  if (typeof input === 'string') inputs = [input];
  else if (Array.isArray(input) && input.every((i) => typeof i === 'number'))
    inputs = [input.join(' ')];
  else inputs = asArray(input).map((i) => (typeof i === 'string' ? i : asArray(i).join(' ')));
  const dimensions =
    typeof b['dimensions'] === 'number' ? b['dimensions'] : defaultDimensions(model);
  return { model, inputs, dimensions };
}
