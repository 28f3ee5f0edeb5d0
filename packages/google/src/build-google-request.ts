import { InvalidRequestError, toJsonSchema, type ChatRequest } from '@modelmux/core';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';
import { convertToGoogleMessages } from './convert-to-google-messages.js';
import type { GeminiGenerationConfig, GeminiRequest } from './gemini-wire.js';
import { prepareGoogleTools } from './prepare-google-tools.js';

/** Defaults from the provider's settings. */
export interface GoogleRequestDefaults {
  model: string;
  temperature?: number;
  maxTokens?: number;
}

/** The model and `generateContent` body of one request. */
export interface GoogleCall {
  model: string;
  body: GeminiRequest;
}

/**
 * Builds the `generateContent` body: contents and `systemInstruction`, tools and
 * `toolConfig`, and `generationConfig` (temperature, `maxOutputTokens`, topP, `stopSequences`,
 * and for JSON output `responseMimeType: 'application/json'` + the converted `responseSchema`).
 * `providerOptions.google` is merged last (its `generationConfig` into ours).
 * Anything it throws is the caller's error: core's `buildProviderBody` turns it into an
 * `InvalidRequestError` before any wire call.
 */
export function buildGoogleRequest(
  request: ChatRequest,
  defaults: GoogleRequestDefaults,
): GoogleCall {
  const model = request.model ?? defaults.model;
  if (typeof model !== 'string' || model.trim() === '')
    throw new InvalidRequestError({ field: 'model', message: 'must be a non-empty string' });
  const { systemInstruction, contents } = convertToGoogleMessages(request.messages);
  const { tools, toolConfig } = prepareGoogleTools(request);
  const temperature = request.temperature ?? defaults.temperature;
  const maxOutputTokens = request.maxTokens ?? defaults.maxTokens;
  const format = request.responseFormat;
  const google = request.providerOptions?.['google'];
  const { generationConfig: extraConfig, ...extra } = (google ?? {}) as {
    generationConfig?: GeminiGenerationConfig;
  };
  const generationConfig: GeminiGenerationConfig = {
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(request.topP !== undefined ? { topP: request.topP } : {}),
    ...(request.stop?.length ? { stopSequences: request.stop } : {}),
    ...(format?.type === 'json' ? { responseMimeType: 'application/json' } : {}),
    ...(format?.type === 'json' && format.schema
      ? {
          responseSchema: convertToGeminiSchema(
            toJsonSchema(format.schema),
            'responseFormat.schema',
          ),
        }
      : {}),
    ...extraConfig,
  };
  const body: GeminiRequest = {
    contents,
    ...(systemInstruction !== undefined
      ? { systemInstruction: { role: 'system', parts: [{ text: systemInstruction }] } }
      : {}),
    ...(tools ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
    ...extra,
  };
  return { model, body };
}
