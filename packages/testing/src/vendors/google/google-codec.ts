import { sse, type VendorCodec } from '../codec.js';
import { googleError, googleStreamError } from './google-error.js';
import { parseGoogleChat, parseGoogleEmbed } from './parse-google-request.js';
import { googleResponseChunks, googleResponseJson } from './write-google-response.js';

/** The Gemini (Generative Language API) wire format. */
export function googleCodec(): VendorCodec {
  return {
    provider: 'google',
    headers: () => ({}),
    parseChat: parseGoogleChat,
    chatJson: (answer, _request, ctx) => googleResponseJson(answer, ctx),
    chatEvents: (answer, _request, _body, ctx) =>
      googleResponseChunks(answer, ctx).map((chunk) => sse(chunk)),
    parseEmbed: parseGoogleEmbed,
    embedJson: (vectors, _request, _body, route) =>
      route.batch
        ? { embeddings: vectors.map((values) => ({ values })) }
        : { embedding: { values: vectors[0] ?? [] } },
    models: () => ({
      models: ['gemini-2.0-flash', 'gemini-2.5-flash', 'text-embedding-004'].map((id) => ({
        name: `models/${id}`,
        version: '001',
        displayName: id,
        supportedGenerationMethods: id.includes('embedding')
          ? ['embedContent', 'batchEmbedContents']
          : ['generateContent', 'countTokens'],
      })),
    }),
    error: googleError,
    streamError: googleStreamError,
    malformedEvent: () => sse('{"candidates":[{"content":'),
  };
}
