import type {
  NeutralChatRequest,
  NeutralMessage,
  NeutralTool,
  NeutralToolChoice,
  Schema,
} from '../../brain/neutral.js';
import { asArray, asRecord, asString, type ChatRoute } from '../codec.js';

/** Parses an Anthropic messages request body into the neutral view. */
export function parseAnthropicChat(body: unknown, route: ChatRoute): NeutralChatRequest {
  const b = asRecord(body);
  const cache = { chars: 0, cacheable: 0 };
  const mark = (block: unknown, chars: number) => {
    cache.chars += chars;
    if (asRecord(block)['cache_control']) cache.cacheable = cache.chars;
  };
  const tools: NeutralTool[] = asArray(b['tools']).map((t) => {
    const r = asRecord(t);
    const name = asString(r['name']) ?? 'tool';
    const description = asString(r['description']);
    const schema = asRecord(r['input_schema']) as Schema;
    mark(t, name.length + (description?.length ?? 0) + JSON.stringify(schema).length);
    return { name, ...(description ? { description } : {}), schema };
  });
  const messages: NeutralMessage[] = [];
  const system = b['system'];
  if (typeof system === 'string') {
    messages.push({ role: 'system', text: system });
    cache.chars += system.length;
  } else if (Array.isArray(system)) {
    for (const block of system) {
      const text = asString(asRecord(block)['text']) ?? '';
      mark(block, text.length);
      messages.push({ role: 'system', text });
    }
  }
  for (const raw of asArray(b['messages'])) messages.push(...toMessages(asRecord(raw), mark));
  const format = asRecord(b['output_format']);
  const json =
    format['type'] === 'json_schema' ? { schema: asRecord(format['schema']) as Schema } : undefined;
  const stop = asArray(b['stop_sequences']).map(String);
  return {
    model: asString(b['model']) ?? route.model,
    messages,
    tools,
    toolChoice: toolChoice(b['tool_choice']),
    ...(json ? { json } : {}),
    ...(typeof b['max_tokens'] === 'number' ? { maxTokens: b['max_tokens'] } : {}),
    ...(stop.length > 0 ? { stopSequences: stop } : {}),
    stream: b['stream'] === true,
    cacheableChars: cache.cacheable,
  };
}

function toMessages(
  m: Record<string, unknown>,
  mark: (block: unknown, chars: number) => void,
): NeutralMessage[] {
  const role = m['role'] === 'assistant' ? 'assistant' : 'user';
  const content = m['content'];
  if (typeof content === 'string') {
    mark(undefined, content.length);
    return [{ role, text: content }];
  }
  const out: NeutralMessage[] = [];
  const texts: string[] = [];
  const toolCalls: { name: string; args: unknown }[] = [];
  for (const raw of asArray(content)) {
    const block = asRecord(raw);
    if (block['type'] === 'text') {
      const text = asString(block['text']) ?? '';
      texts.push(text);
      mark(block, text.length);
    } else if (block['type'] === 'tool_use') {
      toolCalls.push({ name: asString(block['name']) ?? '', args: block['input'] });
      mark(block, JSON.stringify(block['input'] ?? {}).length);
    } else if (block['type'] === 'tool_result') {
      const result =
        typeof block['content'] === 'string'
          ? block['content']
          : asArray(block['content'])
              .map((c) => asString(asRecord(c)['text']) ?? '')
              .join('\n');
      out.push({ role: 'tool', text: '', toolResult: result });
      mark(block, result.length);
    }
  }
  if (texts.length > 0 || toolCalls.length > 0 || out.length === 0) {
    const message: NeutralMessage = {
      role,
      text: texts.join('\n'),
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
    };
    if (role === 'user') out.push(message);
    else out.unshift(message);
  }
  return out;
}

function toolChoice(choice: unknown): NeutralToolChoice {
  const c = asRecord(choice);
  if (c['type'] === 'none') return 'none';
  if (c['type'] === 'any') return 'required';
  if (c['type'] === 'tool' && typeof c['name'] === 'string') return { name: c['name'] };
  return 'auto';
}
