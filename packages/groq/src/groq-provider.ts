import { resolveOpenAICompatibleEndpoint } from '@modelmux/openai-compatible';
import { GroqChatModel } from './groq-chat-model.js';
import { defaultGroqModel, groqBaseURL, type GroqSettings } from './groq-settings.js';

/**
 * Creates a Groq provider (chat and streaming; Groq offers no embeddings). The SDK client is
 * made on the first call.
 *
 * @example
 * const groq = createGroq(); // GROQ_API_KEY
 * const { text } = await groq.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGroq(settings: GroqSettings = {}): GroqChatModel {
  const { baseURL, customEndpoint, apiKey } = resolveOpenAICompatibleEndpoint(settings, {
    defaultBaseURL: groqBaseURL,
    apiKeyEnvVar: 'GROQ_API_KEY',
  });
  return new GroqChatModel({
    name: settings.name ?? 'groq',
    apiKey,
    baseURL,
    customEndpoint,
    model: settings.model ?? defaultGroqModel,
    headers: settings.headers,
    timeoutMs: settings.timeoutMs,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    catalogue: settings.catalogue,
    unknownPrice: settings.unknownPrice,
    fetch: settings.fetch,
  });
}
