import type {
  EmbedContentRequest,
  GenerateContentRequest,
  GoogleGenerativeAI,
  GenerativeModel,
} from '@google/generative-ai';
import { ConfigError } from '@modelmux/core';
import type { GoogleBackend, GoogleBackendOptions } from './google-backend.js';
import type { GeminiRequest, GeminiResponse } from './gemini-wire.js';

type LegacySdk = typeof import('@google/generative-ai');

/**
 * Imports the optional peer `@google/generative-ai`; when it is not installed, a `ConfigError`
 * says how to install it (or to drop `sdk: 'legacy'`). `importer` is for tests.
 */
export async function loadLegacySdk(
  importer: () => Promise<unknown> = () => import('@google/generative-ai'),
): Promise<LegacySdk> {
  try {
    return (await importer()) as LegacySdk;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND')
      throw new ConfigError({
        issues: [
          {
            path: 'sdk',
            message:
              "sdk: 'legacy' needs the optional peer dependency @google/generative-ai: run `npm install @google/generative-ai`, or drop `sdk` to use @google/genai (the default)",
          },
        ],
      });
    throw error;
  }
}

/** The `@google/generative-ai` backend (`sdk: 'legacy'`): the Gemini API with an API key only. */
export async function createLegacyBackend(
  options: GoogleBackendOptions,
  load: () => Promise<LegacySdk> = loadLegacySdk,
): Promise<GoogleBackend> {
  const sdk = await load();
  return new LegacyBackend(new sdk.GoogleGenerativeAI(options.apiKey ?? ''), options);
}

class LegacyBackend implements GoogleBackend {
  readonly sdk = 'legacy' as const;

  constructor(
    private readonly client: GoogleGenerativeAI,
    private readonly options: GoogleBackendOptions,
  ) {}

  async generate(model: string, body: GeminiRequest, signal: AbortSignal): Promise<GeminiResponse> {
    const { response } = await this.model(model).generateContent(
      body as unknown as GenerateContentRequest,
      { signal },
    );
    return response as GeminiResponse;
  }

  async stream(
    model: string,
    body: GeminiRequest,
    signal: AbortSignal,
  ): Promise<AsyncIterable<GeminiResponse>> {
    const result = await this.model(model).generateContentStream(
      body as unknown as GenerateContentRequest,
      { signal },
    );
    // The SDK also aggregates the stream into `response`; we read `stream`, so only silence it.
    result.response.catch(() => undefined);
    return result.stream as AsyncIterable<GeminiResponse>;
  }

  async embed(
    model: string,
    input: readonly string[],
    dimensions: number | undefined,
    signal: AbortSignal,
  ): Promise<readonly { values?: number[] | undefined }[] | undefined> {
    const requests = input.map((text): EmbedContentRequest => ({
      content: { role: 'user', parts: [{ text }] },
      ...(dimensions !== undefined ? ({ outputDimensionality: dimensions } as object) : {}),
    }));
    const response = await this.model(model).batchEmbedContents({ requests }, { signal });
    return response.embeddings;
  }

  /** A model handle with our base URL and headers (no SDK timeout: we time calls ourselves). */
  private model(model: string): GenerativeModel {
    return this.client.getGenerativeModel(
      { model },
      {
        ...(this.options.baseURL !== undefined ? { baseUrl: this.options.baseURL } : {}),
        ...(this.options.headers ? { customHeaders: this.options.headers } : {}),
      },
    );
  }
}
