import type {
  NeutralChatRequest,
  NeutralEmbedRequest,
  NeutralMessage,
  NeutralTool,
  NeutralToolChoice,
  Schema,
} from '../../brain/neutral.js';
import { asArray, asRecord, asString, type ChatRoute, type EmbedRoute } from '../codec.js';

/** Parses a Gemini `generateContent` request body into the neutral view. */
export function parseGoogleChat(body: unknown, route: ChatRoute): NeutralChatRequest {
  const b = asRecord(body);
  const messages: NeutralMessage[] = [];
  const system = b['systemInstruction'];
  if (typeof system === 'string') messages.push({ role: 'system', text: system });
  else if (system) messages.push({ role: 'system', text: partsText(asRecord(system)['parts']) });
  for (const raw of asArray(b['contents'])) messages.push(...toMessages(asRecord(raw)));
  const config = asRecord(b['generationConfig']);
  const calling = asRecord(asRecord(b['toolConfig'])['functionCallingConfig']);
  const allowed = asArray(calling['allowedFunctionNames']).map(String);
  let tools: NeutralTool[] = asArray(b['tools']).flatMap((t) =>
    asArray(asRecord(t)['functionDeclarations']).map((d) => {
      const r = asRecord(d);
      const description = asString(r['description']);
      return {
        name: asString(r['name']) ?? 'tool',
        ...(description ? { description } : {}),
        schema: asRecord(r['parameters'] ?? r['parametersJsonSchema']) as Schema,
      };
    }),
  );
  const mode = String(calling['mode'] ?? 'AUTO').toUpperCase();
  let toolChoice: NeutralToolChoice = 'auto';
  if (mode === 'NONE') toolChoice = 'none';
  else if (mode === 'ANY') {
    if (allowed.length > 0) tools = tools.filter((t) => allowed.includes(t.name));
    toolChoice = allowed.length === 1 ? { name: allowed[0] as string } : 'required';
  }
  const json =
    config['responseMimeType'] === 'application/json'
      ? {
          ...(config['responseSchema'] || config['responseJsonSchema']
            ? {
                schema: asRecord(
                  config['responseSchema'] ?? config['responseJsonSchema'],
                ) as Schema,
              }
            : {}),
        }
      : undefined;
  const stop = asArray(config['stopSequences']).map(String);
  const cacheable =
    typeof b['cachedContent'] === 'string'
      ? messages.slice(0, -1).reduce((n, m) => n + m.text.length, 0)
      : 0;
  return {
    model: route.model,
    messages,
    tools,
    toolChoice,
    ...(json ? { json } : {}),
    ...(typeof config['maxOutputTokens'] === 'number'
      ? { maxTokens: config['maxOutputTokens'] }
      : {}),
    ...(stop.length > 0 ? { stopSequences: stop } : {}),
    stream: route.stream,
    cacheableChars: cacheable,
  };
}

function toMessages(content: Record<string, unknown>): NeutralMessage[] {
  const role = content['role'] === 'model' ? 'assistant' : 'user';
  const out: NeutralMessage[] = [];
  const texts: string[] = [];
  const toolCalls: { name: string; args: unknown }[] = [];
  for (const raw of asArray(content['parts'])) {
    const part = asRecord(raw);
    if (typeof part['text'] === 'string') texts.push(part['text']);
    else if (part['functionCall']) {
      const call = asRecord(part['functionCall']);
      toolCalls.push({ name: asString(call['name']) ?? '', args: call['args'] ?? {} });
    } else if (part['functionResponse']) {
      out.push({
        role: 'tool',
        text: '',
        toolResult: JSON.stringify(asRecord(part['functionResponse'])['response'] ?? {}),
      });
    }
  }
  if (texts.length > 0 || toolCalls.length > 0 || out.length === 0) {
    out.unshift({ role, text: texts.join('\n'), ...(toolCalls.length > 0 ? { toolCalls } : {}) });
  }
  return out;
}

function partsText(parts: unknown): string {
  return asArray(parts)
    .map((p) => asString(asRecord(p)['text']) ?? '')
    .join('\n');
}

/** Default vector size of Gemini's embedding models. */
function defaultDimensions(model: string): number {
  return model.includes('gemini-embedding') ? 3072 : 768;
}

/** Parses `embedContent` / `batchEmbedContents` bodies. */
export function parseGoogleEmbed(body: unknown, route: EmbedRoute): NeutralEmbedRequest {
  const b = asRecord(body);
  const requests = route.batch ? asArray(b['requests']).map(asRecord) : [b];
  const first = requests[0] ?? {};
  const dimensions =
    typeof first['outputDimensionality'] === 'number'
      ? first['outputDimensionality']
      : defaultDimensions(route.model);
  return {
    model: route.model,
    inputs: requests.map((r) => partsText(asRecord(r['content'])['parts'])),
    dimensions,
  };
}
