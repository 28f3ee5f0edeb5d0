import type { FakeProviderName } from '../types.js';
import type { Route } from '../vendors/codec.js';

/** A request's provider and route. */
export interface RoutedRequest {
  provider: FakeProviderName;
  route: Route;
}

const googlePath =
  /^\/(?:v1beta|v1|v1alpha)\/((?:models|tunedModels)\/[^:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;

/** Maps a method, path and headers to the provider and route the official SDKs use. */
export function routeRequest(
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): RoutedRequest | undefined {
  if (method === 'POST') {
    if (path === '/openai/v1/chat/completions')
      return { provider: 'groq', route: { kind: 'chat', model: '', stream: false } };
    if (path === '/v1/chat/completions')
      return { provider: 'openai', route: { kind: 'chat', model: '', stream: false } };
    if (path === '/v1/embeddings')
      return { provider: 'openai', route: { kind: 'embed', model: '', batch: false } };
    if (path === '/openai/v1/embeddings')
      return { provider: 'groq', route: { kind: 'embed', model: '', batch: false } };
    if (path === '/v1/messages')
      return { provider: 'anthropic', route: { kind: 'chat', model: '', stream: false } };
    const google = googlePath.exec(path);
    if (google) {
      const model = decodeURIComponent(
        (google[1] as string).replace(/^(?:models|tunedModels)\//, ''),
      );
      const method = google[2] as string;
      if (method === 'generateContent' || method === 'streamGenerateContent')
        return {
          provider: 'google',
          route: { kind: 'chat', model, stream: method === 'streamGenerateContent' },
        };
      return {
        provider: 'google',
        route: { kind: 'embed', model, batch: method === 'batchEmbedContents' },
      };
    }
    return undefined;
  }
  if (method === 'GET') {
    if (path === '/openai/v1/models') return { provider: 'groq', route: { kind: 'models' } };
    if (path === '/v1/models')
      return {
        provider: headers['anthropic-version'] ? 'anthropic' : 'openai',
        route: { kind: 'models' },
      };
    if (/^\/(?:v1beta|v1)\/models$/.test(path))
      return { provider: 'google', route: { kind: 'models' } };
  }
  return undefined;
}
