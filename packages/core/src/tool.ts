import type { SchemaLike } from './schema.js';

/** A tool the model may call. `parameters` is a zod schema or JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: SchemaLike;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };
