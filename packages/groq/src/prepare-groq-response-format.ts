import { toJsonSchema, type ResponseFormat } from '@modelmux/core';

/** What JSON output needs on Groq: JSON mode, and a system message describing the shape. */
export interface GroqJsonMode {
  response_format: { type: 'json_object' };
  /** Tells the model to answer in JSON and, when a schema is given, which schema. */
  instruction: string;
}

/**
 * Maps a modelmux response format to Groq's JSON mode (`response_format: { type: 'json_object' }`),
 * which every Groq chat model supports (json_schema only some). The schema, when given, is
 * described in a system message instead, and the answer is validated by `parseStructuredOutput`.
 */
export function prepareGroqResponseFormat(
  format: ResponseFormat | undefined,
): GroqJsonMode | undefined {
  if (!format || format.type !== 'json') return undefined;
  const instruction = format.schema
    ? `Respond with a single JSON object that matches this JSON Schema${format.name ? ` ("${format.name}")` : ''}${format.description ? ` (${format.description})` : ''}. Output only the JSON.\n${JSON.stringify(toJsonSchema(format.schema))}`
    : 'Respond with a single JSON object. Output only the JSON.';
  return { response_format: { type: 'json_object' }, instruction };
}
