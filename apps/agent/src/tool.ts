import type { ToolDefinition } from '@modelmux/core';
import type { z } from 'zod';

/** What a tool's `execute` receives besides its arguments. */
export interface ToolContext {
  /** Aborted when the run is. */
  signal: AbortSignal | undefined;
}

/** A tool the agent offers the model: a zod schema for its arguments and the code that runs it. */
export interface AgentTool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  /** The arguments' schema: sent to the model as JSON Schema, and checked before `execute`. */
  parameters: S;
  /** Runs the tool with validated arguments; the value is sent back to the model (JSON). */
  execute(args: z.output<S>, context: ToolContext): unknown;
}

/** Defines a tool with typed arguments (the zod schema's output type). */
export function defineTool<S extends z.ZodType>(tool: AgentTool<S>): AgentTool<S> {
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name))
    throw new TypeError(
      `tool name "${tool.name}": use 1 to 64 letters, digits, _ or - (what every provider accepts)`,
    );
  return tool;
}

/** The definition sent to the model (core's `ToolDefinition`: zod schemas are accepted as is). */
export function toolDefinition(tool: AgentTool): ToolDefinition {
  return { name: tool.name, description: tool.description, parameters: tool.parameters };
}
