import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  assembleStructuredOutputPipeline,
  createContentParser,
  createFunctionCallingParser,
} from '@langchain/core/language_models/structured_output';
import type { BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { isSerializableSchema } from '@langchain/core/utils/standard_schema';
import { getSchemaDescription, isInteropZodSchema } from '@langchain/core/utils/types';
import { InvalidRequestError, type ResponseFormat } from '@modelmux/core';
import type { ChatModelmuxCallOptions } from './call-options.js';

/** What `withStructuredOutput` needs of the model: binding call options and tools. */
export interface StructuredOutputModel {
  withConfig(
    config: Partial<ChatModelmuxCallOptions>,
  ): Runnable<BaseLanguageModelInput, BaseMessage>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- LangChain's own schema bound
type AnySchema = Record<string, any>;

/**
 * `withStructuredOutput` on modelmux: `functionCalling` (the default) binds one tool and forces
 * it on whichever provider answers; `jsonSchema` and `jsonMode` ask for JSON through modelmux's
 * `responseFormat` (with the schema, or without), which each adapter maps to its vendor's form.
 * The answer is parsed (and, for zod or standard schemas, validated) by LangChain's own parsers.
 */
export function structuredOutput(
  model: StructuredOutputModel,
  schema: AnySchema,
  config: StructuredOutputMethodOptions<boolean> | undefined,
): Runnable<BaseLanguageModelInput, AnySchema> {
  const method = config?.method ?? 'functionCalling';
  const name = config?.name ?? (typeof schema['name'] === 'string' ? schema['name'] : 'extract');
  const typed = isInteropZodSchema(schema) || isSerializableSchema(schema);
  const jsonSchema = (typed ? toJsonSchema(schema) : (schema['parameters'] ?? schema)) as AnySchema;
  const description = getSchemaDescription(schema) ?? jsonSchema['description'];
  const includeRaw = config?.includeRaw === true;
  if (method === 'jsonSchema' || method === 'jsonMode') {
    const responseFormat: ResponseFormat = {
      type: 'json',
      ...(method === 'jsonSchema' && { schema: jsonSchema, name }),
      ...(method === 'jsonSchema' && typeof description === 'string' && { description }),
    };
    return assembleStructuredOutputPipeline(
      model.withConfig({ responseFormat }),
      createContentParser(schema),
      includeRaw,
    ) as Runnable<BaseLanguageModelInput, AnySchema>;
  }
  if (method !== 'functionCalling')
    throw new InvalidRequestError({
      field: 'withStructuredOutput.method',
      message: `"${method}" is not a method here: use 'functionCalling', 'jsonSchema' or 'jsonMode'`,
    });
  const tool = {
    name,
    ...(typeof description === 'string' && { description }),
    parameters: jsonSchema,
  };
  return assembleStructuredOutputPipeline(
    model.withConfig({ tools: [tool], tool_choice: name }),
    createFunctionCallingParser(schema, name),
    includeRaw,
  ) as Runnable<BaseLanguageModelInput, AnySchema>;
}
