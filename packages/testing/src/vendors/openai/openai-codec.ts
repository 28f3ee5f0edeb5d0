import { asRecord, sse, type VendorCodec } from '../codec.js';
import { openAIError, openAIStreamError } from './openai-error.js';
import { parseOpenAIChat, parseOpenAIEmbed } from './parse-openai-request.js';
import { openAIChatEvents } from './stream-openai-chat.js';
import { openAIChatJson } from './write-openai-chat.js';

/** Encodes a vector as base64 of little-endian float32, as the OpenAI API does for `encoding_format: 'base64'`. */
export function toBase64Float32(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer.toString('base64');
}

/** The OpenAI wire format (`groq: true` for Groq's variant under `/openai/v1`). */
export function openAICodec(groq: boolean): VendorCodec {
  return {
    provider: groq ? 'groq' : 'openai',
    headers: (ctx) => ({
      'x-request-id': `req_fake${String(ctx.seq).padStart(8, '0')}`,
      ...(groq ? {} : { 'openai-processing-ms': '1' }),
    }),
    parseChat: parseOpenAIChat,
    chatJson: (answer, _request, ctx) => openAIChatJson(answer, ctx, groq),
    chatEvents: (answer, _request, body, ctx) => openAIChatEvents(answer, body, ctx, groq),
    parseEmbed: parseOpenAIEmbed,
    embedJson: (vectors, request, body) => {
      const base64 = asRecord(body)['encoding_format'] === 'base64';
      const tokens = request.inputs.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);
      return {
        object: 'list',
        data: vectors.map((v, index) => ({
          object: 'embedding',
          index,
          embedding: base64 ? toBase64Float32(v) : v,
        })),
        model: request.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      };
    },
    models: (ctx) => ({
      object: 'list',
      data: (groq
        ? ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant']
        : ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']
      ).map((id) => ({
        id,
        object: 'model',
        created: Math.floor(ctx.now / 1000),
        owned_by: groq ? 'Meta' : 'openai',
        ...(groq ? { active: true, context_window: 131072 } : {}),
      })),
    }),
    error: openAIError,
    streamError: openAIStreamError,
    malformedEvent: () => sse('{"id":"chatcmpl-broken","choices":[{"delta":'),
  };
}
