import type { GenerateContentConfig, GenerateContentParameters, GoogleGenAI } from '@google/genai';
import type { GoogleBackend, GoogleBackendOptions } from './google-backend.js';
import type { GeminiRequest, GeminiResponse } from './gemini-wire.js';

/**
 * The `@google/genai` backend (the default). The SDK is imported on the first call. Its retries
 * stay off (no `retryOptions`), it gets no `timeout` (we time calls ourselves), automatic
 * function calling and automatic continuation are disabled, so each call is one HTTP request.
 */
export async function createGenaiBackend(options: GoogleBackendOptions): Promise<GoogleBackend> {
  const { GoogleGenAI } = await import('@google/genai');
  const vertex = options.vertexai;
  const client = new GoogleGenAI({
    ...(vertex
      ? {
          vertexai: true,
          ...(vertex.project !== undefined ? { project: vertex.project } : {}),
          ...(vertex.location !== undefined ? { location: vertex.location } : {}),
          ...(vertex.googleAuthOptions ? { googleAuthOptions: vertex.googleAuthOptions } : {}),
        }
      : { vertexai: false }),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
    httpOptions: {
      ...(options.baseURL !== undefined ? { baseUrl: options.baseURL } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
  return new GenaiBackend(client);
}

/** The `generateContent` body's own fields; any other top-level field goes as `extraBody`. */
const configFields = new Set([
  'contents',
  'systemInstruction',
  'tools',
  'toolConfig',
  'generationConfig',
  'safetySettings',
  'cachedContent',
  'labels',
]);

/** Our REST body as the SDK's parameters (it rebuilds the same body from them). */
export function toGenaiParameters(
  model: string,
  body: GeminiRequest,
  signal: AbortSignal,
): GenerateContentParameters {
  const extraBody: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body))
    if (!configFields.has(key)) extraBody[key] = value;
  const config: Record<string, unknown> = {
    ...body.generationConfig,
    ...(body.systemInstruction ? { systemInstruction: body.systemInstruction } : {}),
    ...(body.tools ? { tools: body.tools } : {}),
    ...(body.toolConfig ? { toolConfig: body.toolConfig } : {}),
    ...(body['safetySettings'] !== undefined ? { safetySettings: body['safetySettings'] } : {}),
    ...(body['cachedContent'] !== undefined ? { cachedContent: body['cachedContent'] } : {}),
    ...(body['labels'] !== undefined ? { labels: body['labels'] } : {}),
    abortSignal: signal,
    automaticFunctionCalling: { disable: true },
    automaticContinuation: false,
    ...(Object.keys(extraBody).length > 0 ? { httpOptions: { extraBody } } : {}),
  };
  return {
    model,
    contents: body.contents as GenerateContentParameters['contents'],
    config: config as GenerateContentConfig,
  };
}

class GenaiBackend implements GoogleBackend {
  readonly sdk = 'genai' as const;

  constructor(private readonly client: GoogleGenAI) {}

  async generate(model: string, body: GeminiRequest, signal: AbortSignal): Promise<GeminiResponse> {
    return (await this.client.models.generateContent(
      toGenaiParameters(model, body, signal),
    )) as GeminiResponse;
  }

  async stream(
    model: string,
    body: GeminiRequest,
    signal: AbortSignal,
  ): Promise<AsyncIterable<GeminiResponse>> {
    return (await this.client.models.generateContentStream(
      toGenaiParameters(model, body, signal),
    )) as AsyncIterable<GeminiResponse>;
  }

  async embed(
    model: string,
    input: readonly string[],
    dimensions: number | undefined,
    signal: AbortSignal,
  ): Promise<readonly { values?: number[] | undefined }[] | undefined> {
    const response = await this.client.models.embedContent({
      model,
      contents: [...input],
      config: {
        abortSignal: signal,
        ...(dimensions !== undefined ? { outputDimensionality: dimensions } : {}),
      },
    });
    return response.embeddings;
  }
}
