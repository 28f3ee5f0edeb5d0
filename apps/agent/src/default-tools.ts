import type { RagApp } from '@modelmux/app-rag';
import type { AgentTool } from './tool.js';
import { calculatorTool } from './tools/calculator.js';
import { currentTimeTool } from './tools/current-time.js';
import { searchDocsTool } from './tools/search-docs.js';

/**
 * The demo's tools: `calculator`, `current_time`, and `search_docs` when a RAG app is given
 * (the same corpus and Orama index as apps/rag).
 */
export function defaultTools(options: { rag?: RagApp; now?: () => number } = {}): AgentTool[] {
  const tools: AgentTool[] = [
    calculatorTool as AgentTool,
    currentTimeTool(options.now) as AgentTool,
  ];
  if (options.rag) tools.push(searchDocsTool(options.rag) as AgentTool);
  return tools;
}
