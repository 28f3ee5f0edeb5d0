/**
 * The Gemini REST wire shapes (v1beta `generateContent`), as both SDKs send and return them. The
 * adapter builds and reads these plain objects, so its mapping does not depend on either SDK.
 */

/** Gemini schema types (the API's `Type` enum; the SDKs' enums hold the same names). */
export const geminiType = {
  STRING: 'STRING',
  NUMBER: 'NUMBER',
  INTEGER: 'INTEGER',
  BOOLEAN: 'BOOLEAN',
  ARRAY: 'ARRAY',
  OBJECT: 'OBJECT',
} as const;

/** One of `geminiType`'s values. */
export type GeminiType = (typeof geminiType)[keyof typeof geminiType];

/** Gemini's OpenAPI 3.0 schema subset. */
export interface GeminiSchema {
  type?: GeminiType;
  description?: string;
  nullable?: boolean;
  format?: string;
  enum?: string[];
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  items?: GeminiSchema;
  anyOf?: GeminiSchema[];
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

/** One part of a turn. */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType: string; fileUri: string };
  functionCall?: { name: string; args?: object; id?: string };
  functionResponse?: { name: string; response: object };
}

/** One turn of `contents` (or the `systemInstruction`). */
export interface GeminiContent {
  role?: string;
  parts: GeminiPart[];
}

/** One function the model may call. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
}

/** A `tools` entry. */
export interface GeminiTool {
  functionDeclarations: GeminiFunctionDeclaration[];
}

/** `toolConfig`. */
export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] };
}

/** `generationConfig` (the fields we set; `providerOptions.google.generationConfig` may add any). */
export interface GeminiGenerationConfig {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  stopSequences?: string[];
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  [key: string]: unknown;
}

/** A `generateContent` body (`providerOptions.google` may add any other top-level field). */
export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  [key: string]: unknown;
}

/** One candidate of an answer. */
export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  index?: number;
}

/** A `generateContent` answer or one `streamGenerateContent` chunk. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: Record<string, unknown>;
  modelVersion?: string;
}
