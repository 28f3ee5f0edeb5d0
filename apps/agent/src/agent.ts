import type { Message, ToolCall, Usage } from '@modelmux/core';
import type { ProviderFactory, RoutedResult } from 'modelmux';
import type { AgentStepKind } from './routing.js';
import { type AgentTool, toolDefinition } from './tool.js';

/** One tool call the agent executed. */
export interface ExecutedToolCall {
  id: string;
  name: string;
  /** The arguments as the model sent them. */
  args: unknown;
  /** What was sent back to the model: the tool's value, or `Error: …`. */
  result: unknown;
  /** Set when the tool is unknown, the arguments failed its schema, or it threw. */
  error?: string;
}

/** One model call of a run, with what it cost and what it did. */
export interface AgentStep {
  /** 1-based. */
  n: number;
  /** `tool-selection` (may call tools) or `synthesis` (the final answer); sent as `metadata.task`. */
  kind: AgentStepKind;
  provider: string;
  model: string;
  /** The strategy that ordered the providers (a rule's, when one matched). */
  strategy: string;
  /** USD; undefined when the model's price is unknown. */
  costUsd: number | undefined;
  latencyMs: number;
  usage: Usage;
  /** The model's text (a tool-selection step's text is a draft; synthesis writes the answer). */
  text: string;
  toolCalls: ExecutedToolCall[];
  /** Providers tried before this one answered (fallbacks). */
  fallbacks: string[];
}

/** The outcome of `run()`. */
export interface AgentResult {
  task: string;
  answer: string;
  steps: AgentStep[];
  /** `answer`: the model stopped calling tools; `max-steps`: the step limit cut the tool loop. */
  stopReason: 'answer' | 'max-steps';
  /** USD over every step; undefined when a step's price is unknown. */
  costUsd: number | undefined;
  latencyMs: number;
  usage: { inputTokens: number; outputTokens: number };
}

/** Options of {@link createAgent}. */
export interface AgentOptions {
  /** The modelmux factory; give it `agentRoutingRules` (or your own rules on `metadata.task`). */
  factory: ProviderFactory;
  /** The tools offered (default: none; see `defaultTools`). Names must be unique. */
  tools?: readonly AgentTool[];
  /** Model calls per run, the synthesis included (default 6, at least 1). */
  maxSteps?: number;
  /** The system prompt. */
  system?: string;
  /** Largest output per step, in tokens (default 600). */
  maxTokens?: number;
}

/** Per-run options. */
export interface RunOptions {
  /** Called after each step (the CLI prints it). */
  onStep?: (step: AgentStep) => void;
  signal?: AbortSignal;
}

/** A tool-using agent. */
export interface Agent {
  readonly tools: readonly AgentTool[];
  readonly maxSteps: number;
  run(task: string, options?: RunOptions): Promise<AgentResult>;
}

/** The default system prompt, naming the tools offered. */
export function defaultSystemPrompt(tools: readonly AgentTool[]): string {
  const names = tools.map((t) => t.name).join(', ');
  return tools.length === 0
    ? 'You are a precise assistant. Answer in one or two sentences.'
    : `You are a precise assistant with tools (${names}). Call a tool whenever it gives a better answer than guessing. When you have what you need, answer in one or two sentences.`;
}

/** A tool's value as sent back: JSON-serialisable as is, else its string form. */
function sendable(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    JSON.stringify(value);
    return value;
  } catch {
    return String(value);
  }
}

const addCost = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a + b;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An agent loop routed per step: each **tool-selection** step (tools offered, `metadata.task:
 * 'tool-selection'`) either calls tools — the agent validates the arguments with the tool's zod
 * schema, runs them and feeds the results back — or stops calling them; then one **synthesis**
 * step (`metadata.task: 'synthesis'`, tools offered with `toolChoice: 'none'` so the history
 * stays valid for every vendor) writes the final answer. The factory's `rules` route the two
 * kinds (`agentRoutingRules`: cheapest for tool selection, best quality for synthesis). At most
 * `maxSteps` model calls: when the tool loop reaches `maxSteps - 1` steps it is cut
 * (`stopReason: 'max-steps'`) and the synthesis answers from the results so far.
 *
 * @example
 * const agent = createAgent({ factory, tools: defaultTools({ rag }), maxSteps: 5 });
 * const { answer, steps } = await agent.run('What is "(1234 + 766) * 3"? Use the calculator.', {
 *   onStep: (s) => console.log(s.n, s.kind, s.provider, s.model, s.costUsd),
 * });
 */
export function createAgent(options: AgentOptions): Agent {
  const { factory } = options;
  const tools = [...(options.tools ?? [])];
  const maxSteps = options.maxSteps ?? 6;
  if (!Number.isInteger(maxSteps) || maxSteps < 1)
    throw new RangeError(
      `maxSteps must be a whole number ≥ 1 (the synthesis is a step), got ${maxSteps}`,
    );
  const byName = new Map<string, AgentTool>();
  for (const tool of tools) {
    if (byName.has(tool.name))
      throw new TypeError(`two tools are named "${tool.name}": give each a unique name`);
    byName.set(tool.name, tool);
  }
  const definitions = tools.map(toolDefinition);
  const system = options.system ?? defaultSystemPrompt(tools);
  const maxTokens = options.maxTokens ?? 600;

  async function execute(
    call: ToolCall,
    signal: AbortSignal | undefined,
  ): Promise<ExecutedToolCall> {
    const base = { id: call.id, name: call.name, args: call.args };
    const fail = (error: string): ExecutedToolCall => ({
      ...base,
      result: `Error: ${error}`,
      error,
    });
    const tool = byName.get(call.name);
    if (!tool)
      return fail(
        `unknown tool "${call.name}": use one of ${[...byName.keys()].join(', ') || 'none'}`,
      );
    const parsed = tool.parameters.safeParse(call.args ?? {});
    if (!parsed.success)
      return fail(
        `invalid arguments for ${call.name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    try {
      const result: unknown = await tool.execute(parsed.data, { signal });
      return { ...base, result: sendable(result) };
    } catch (error) {
      if (signal?.aborted) throw error;
      return fail(errorMessage(error));
    }
  }

  return {
    tools,
    maxSteps,
    async run(task, runOptions = {}) {
      if (typeof task !== 'string' || task.trim() === '')
        throw new TypeError('run(task): expected a non-empty task');
      const { onStep, signal } = runOptions;
      const started = performance.now();
      const messages: Message[] = [
        { role: 'system', content: system },
        { role: 'user', content: task },
      ];
      const steps: AgentStep[] = [];
      const call = async (kind: AgentStepKind): Promise<RoutedResult> =>
        factory.getProvider().invoke(messages, {
          ...(definitions.length > 0 && {
            tools: definitions,
            toolChoice: kind === 'synthesis' ? 'none' : 'auto',
          }),
          maxTokens,
          metadata: { task: kind, agentStep: steps.length + 1 },
          ...(signal && { signal }),
        });
      const record = (kind: AgentStepKind, result: RoutedResult, toolCalls: ExecutedToolCall[]) => {
        const step: AgentStep = {
          n: steps.length + 1,
          kind,
          provider: result.provider,
          model: result.model,
          strategy: result.strategy,
          costUsd: result.costUsd,
          latencyMs: Math.round(result.latencyMs),
          usage: result.usage,
          text: result.text,
          toolCalls,
          fallbacks: result.attempts.filter((a) => !a.ok).map((a) => a.provider),
        };
        steps.push(step);
        onStep?.(step);
      };

      let stopReason: AgentResult['stopReason'] = 'answer';
      if (definitions.length > 0) {
        for (;;) {
          if (steps.length >= maxSteps - 1) {
            stopReason = 'max-steps';
            break;
          }
          const result = await call('tool-selection');
          if (result.toolCalls.length === 0) {
            record('tool-selection', result, []);
            break;
          }
          const executed: ExecutedToolCall[] = [];
          for (const toolCall of result.toolCalls) executed.push(await execute(toolCall, signal));
          messages.push({ role: 'assistant', content: result.text, toolCalls: result.toolCalls });
          for (const done of executed)
            messages.push({
              role: 'tool',
              toolCallId: done.id,
              toolName: done.name,
              result: done.result,
            });
          record('tool-selection', result, executed);
        }
      }
      const final = await call('synthesis');
      record('synthesis', final, []);
      const usage = steps.reduce(
        (sum, s) => ({
          inputTokens: sum.inputTokens + s.usage.inputTokens,
          outputTokens: sum.outputTokens + s.usage.outputTokens,
        }),
        { inputTokens: 0, outputTokens: 0 },
      );
      return {
        task,
        answer: final.text,
        steps,
        stopReason,
        costUsd: steps.reduce<number | undefined>((sum, s) => addCost(sum, s.costUsd), 0),
        latencyMs: Math.round(performance.now() - started),
        usage,
      };
    },
  };
}
