import { createAgent, defaultTools, type AgentResult } from '@modelmux/app-agent';
import type { RagApp } from '@modelmux/app-rag';
import type { TourContext } from '../tour-context.js';
import { oneLine } from './rag.js';

/** The task the tour gives the agent. */
export const agentTask = 'What is "(1234 + 766) * 3"? Use the calculator.';

/**
 * 2. Agent (apps/agent): a tool-using loop whose steps are routed by the config's rules
 * (`agentRoutingRules`: tool selection → the cheapest, the final synthesis → the best quality).
 */
export async function agentSection(
  ctx: TourContext,
  rag: RagApp | undefined,
): Promise<AgentResult> {
  ctx.print('\n2. Agent with tools (apps/agent): each step routed by rule on metadata.task');
  ctx.print(`   Task: ${agentTask}`);
  const agent = createAgent({
    factory: ctx.factory,
    tools: defaultTools({ ...(rag && { rag }), now: ctx.clock.now }),
    maxSteps: 4,
    maxTokens: 200,
  });
  const result = await agent.run(agentTask, {
    onStep: (step) => {
      ctx.record({
        provider: step.provider,
        model: step.model,
        routedBy: `rule ${step.kind} → ${step.strategy}`,
        latencyMs: Math.round(step.latencyMs),
        tokens: step.usage.inputTokens + step.usage.outputTokens,
        costUsd: step.costUsd,
        fallbacks: step.fallbacks,
      });
      for (const call of step.toolCalls)
        ctx.print(
          `        ${call.name}(${oneLine(JSON.stringify(call.args), 50)}) ${call.error ? '✗' : '='} ${oneLine(JSON.stringify(call.result), 60)}`,
        );
    },
  });
  ctx.print(`   Answer: ${oneLine(result.answer, 110)}`);
  return result;
}
