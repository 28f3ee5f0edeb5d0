import { GoogleGenerativeAI } from '@google/generative-ai';
import { defaultCatalogue, registerSecret } from '@modelmux/core';
import { GoogleChatModel } from './google-chat-model.js';
import {
  defaultGoogleBaseURL,
  defaultGoogleEmbeddingModel,
  defaultGoogleModel,
  type GoogleSettings,
} from './google-settings.js';

/**
 * Creates the Google provider over the official `@google/generative-ai` SDK (Gemini API). The
 * key falls back to `GOOGLE_API_KEY`, then `GEMINI_API_KEY`, and is registered for redaction;
 * the base URL is always passed explicitly. The SDK never retries.
 *
 * @example
 * const google = createGoogle({ model: 'gemini-2.5-flash' });
 * const { text } = await google.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGoogle(settings: GoogleSettings = {}): GoogleChatModel {
  const env = settings.env ?? process.env;
  const apiKey =
    nonEmpty(settings.apiKey) ?? nonEmpty(env['GOOGLE_API_KEY']) ?? nonEmpty(env['GEMINI_API_KEY']);
  registerSecret(apiKey);
  return new GoogleChatModel({
    name: settings.name ?? 'google',
    model: settings.model ?? defaultGoogleModel,
    embeddingModel: settings.embeddingModel ?? defaultGoogleEmbeddingModel,
    client: apiKey ? new GoogleGenerativeAI(apiKey) : undefined,
    apiKey,
    baseURL: (settings.baseURL ?? defaultGoogleBaseURL).replace(/\/+$/, ''),
    ...(settings.headers ? { headers: settings.headers } : {}),
    catalogue: settings.catalogue ?? defaultCatalogue,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
