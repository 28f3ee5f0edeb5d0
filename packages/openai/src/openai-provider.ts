import { nonEmpty, resolveOpenAICompatibleEndpoint } from '@modelmux/openai-compatible';
import { OpenAIChatModel } from './openai-chat-model.js';
import {
  defaultOpenAIEmbeddingModel,
  defaultOpenAIModel,
  openAIBaseURL,
  type OpenAISettings,
} from './openai-settings.js';

/**
 * Creates an OpenAI provider, or a provider for any OpenAI-compatible endpoint. The SDK client
 * is made on the first call.
 *
 * @example
 * const openai = createOpenAI(); // OPENAI_API_KEY
 * const ollama = createOpenAI({ name: 'ollama', baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.2' });
 * const { text } = await openai.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAIChatModel {
  const { baseURL, customEndpoint, apiKey, env } = resolveOpenAICompatibleEndpoint(settings, {
    defaultBaseURL: openAIBaseURL,
    apiKeyEnvVar: 'OPENAI_API_KEY',
  });
  return new OpenAIChatModel({
    name: settings.name ?? 'openai',
    apiKey,
    baseURL,
    customEndpoint,
    model: settings.model ?? defaultOpenAIModel,
    embeddingModel: settings.embeddingModel ?? defaultOpenAIEmbeddingModel,
    headers: settings.headers,
    timeoutMs: settings.timeoutMs,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    maxTokensField:
      settings.maxTokensField ?? (customEndpoint ? 'max_tokens' : 'max_completion_tokens'),
    catalogue: settings.catalogue,
    unknownPrice: settings.unknownPrice,
    fetch: settings.fetch,
    organization: customEndpoint ? undefined : nonEmpty(env['OPENAI_ORG_ID']),
    project: customEndpoint ? undefined : nonEmpty(env['OPENAI_PROJECT_ID']),
  });
}
