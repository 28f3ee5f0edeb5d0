import { ConfigError, defaultCatalogue, type ConfigIssue } from '@modelmux/core';
import {
  headerSettingIssues,
  registerHeaderSecrets,
  registerSecret,
} from '@modelmux/core/provider-utils';
import type { GoogleBackendOptions } from './google-backend.js';
import { GoogleChatModel } from './google-chat-model.js';
import {
  defaultGoogleBaseURL,
  defaultGoogleEmbeddingModel,
  defaultGoogleModel,
  defaultGoogleSdk,
  type GoogleSettings,
} from './google-settings.js';

/**
 * Creates the Google provider. By default it runs on `@google/genai` against the Gemini API
 * with an API key (`apiKey`, else `GOOGLE_API_KEY`, then `GEMINI_API_KEY`); `vertexai` switches
 * to Vertex AI (project and location, Google Cloud credentials); `sdk: 'legacy'` runs on
 * `@google/generative-ai` (an optional peer: install it yourself). Nothing is loaded or sent at
 * creation: the SDK client is made on the first call. The key (and secret-looking header values)
 * are registered for redaction. The SDK never retries and never times out on its own.
 *
 * @example
 * const google = createGoogle({ model: 'gemini-2.5-flash' });
 * const { text } = await google.generate({ messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGoogle(settings: GoogleSettings = {}): GoogleChatModel {
  const env = settings.env ?? process.env;
  const sdk = settings.sdk ?? defaultGoogleSdk;
  const apiKey =
    nonEmpty(settings.apiKey) ?? nonEmpty(env['GOOGLE_API_KEY']) ?? nonEmpty(env['GEMINI_API_KEY']);
  const vertex =
    settings.vertexai === true ? {} : settings.vertexai ? settings.vertexai : undefined;
  const vertexai = vertex && {
    ...vertex,
    project: nonEmpty(vertex.project) ?? nonEmpty(env['GOOGLE_CLOUD_PROJECT']),
    location: nonEmpty(vertex.location) ?? nonEmpty(env['GOOGLE_CLOUD_LOCATION']),
  };
  checkSettings(settings, sdk, apiKey);
  registerSecret(apiKey);
  registerHeaderSecrets(settings.headers);
  const baseURL = settings.baseURL?.replace(/\/+$/, '');
  const backend: GoogleBackendOptions = {
    apiKey,
    // Vertex AI: the SDK's regional endpoint unless one is given.
    baseURL: baseURL ?? (vertexai ? undefined : defaultGoogleBaseURL),
    ...(settings.headers ? { headers: settings.headers } : {}),
    ...(vertexai ? { vertexai } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  };
  return new GoogleChatModel({
    name: settings.name ?? 'google',
    sdk,
    model: settings.model ?? defaultGoogleModel,
    embeddingModel: settings.embeddingModel ?? defaultGoogleEmbeddingModel,
    backend,
    available: vertexai
      ? apiKey !== undefined || (!!vertexai.project && !!vertexai.location)
      : apiKey !== undefined,
    catalogue: settings.catalogue ?? defaultCatalogue,
    ...(settings.unknownPrice !== undefined ? { unknownPrice: settings.unknownPrice } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
  });
}

/** Settings no call could succeed with are a `ConfigError` at creation, naming the setting. */
function checkSettings(settings: GoogleSettings, sdk: string, apiKey: string | undefined): void {
  const issues: ConfigIssue[] = [];
  if (sdk !== 'genai' && sdk !== 'legacy')
    issues.push({
      path: 'sdk',
      message: `must be 'genai' (the default) or 'legacy', not ${JSON.stringify(sdk)}`,
    });
  if (sdk === 'legacy' && settings.vertexai)
    issues.push({
      path: 'vertexai',
      message: "Vertex AI needs the default SDK (@google/genai): drop sdk: 'legacy'",
    });
  if (sdk === 'legacy' && settings.fetch)
    issues.push({
      path: 'fetch',
      message:
        "@google/generative-ai always calls the global fetch: drop sdk: 'legacy' to pass one",
    });
  issues.push(...headerSettingIssues(apiKey, settings.headers));
  if (
    settings.timeoutMs !== undefined &&
    !(Number.isFinite(settings.timeoutMs) && settings.timeoutMs > 0)
  )
    issues.push({ path: 'timeoutMs', message: 'must be a positive number of milliseconds' });
  if (issues.length > 0) throw new ConfigError({ issues });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
