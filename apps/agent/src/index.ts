// @modelmux/app-agent: a tool-using agent whose steps are routed by rule — a cheap model picks
// tools, a strong one writes the answer — offline on the fake providers by default.
export {
  createAgent,
  defaultSystemPrompt,
  type Agent,
  type AgentOptions,
  type AgentResult,
  type AgentStep,
  type ExecutedToolCall,
  type RunOptions,
} from './agent.js';
export { createAgentFactory } from './agent-factory.js';
export { agentRoutingRules, type AgentStepKind } from './routing.js';
export { defineTool, toolDefinition, type AgentTool, type ToolContext } from './tool.js';
export { defaultTools } from './default-tools.js';
export { calculatorTool } from './tools/calculator.js';
export { currentTimeTool } from './tools/current-time.js';
export { searchDocsTool } from './tools/search-docs.js';
export {
  evaluateExpression,
  ExpressionError,
  maxExpressionLength,
} from './tools/evaluate-expression.js';
export { formatStep } from './format-step.js';
