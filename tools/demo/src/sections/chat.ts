import { createChatbot, type ChatTurn } from '@modelmux/app-chatbot';
import type { TourContext } from '../tour-context.js';
import { oneLine } from './rag.js';

/** The scripted chat: a simple, a medium and a complex message. */
export const chatScript = [
  'Hi! Who are you?',
  'Which provider should a small team start with when latency matters most to its users?',
  'Explain and compare cost routing and quality routing for a customer support bot.',
];

/**
 * 3. Chat (apps/chatbot): three streamed turns routed by complexity (the user's design's
 * MultiProviderChatbot): simple → the cheapest, medium → the fastest, complex → the best.
 */
export async function chatSection(ctx: TourContext): Promise<ChatTurn[]> {
  ctx.print('\n3. A short chat (apps/chatbot): streamed, each turn routed by complexity');
  const turns: ChatTurn[] = [];
  let writes = 0;
  const chatbot = createChatbot({
    factory: ctx.factory,
    maxTokens: 200,
    // The answer arrives as text deltas, then the chatbot's own turn line: count the deltas.
    output: () => void (writes += 1),
  });
  try {
    for (const message of chatScript) {
      writes = 0;
      ctx.print(`   you> ${message}`);
      const result = await chatbot.handle(message);
      if (result.type === 'error') throw result.error;
      if (result.type !== 'answer') throw new Error(`the chat turn ended as ${result.type}`);
      const { turn } = result;
      turns.push(turn);
      ctx.print(`   bot> ${oneLine(turn.text, 90)} (streamed in ${writes - 1} deltas)`);
      ctx.record({
        provider: turn.provider,
        model: turn.model,
        routedBy: `${turn.strategy}: ${turn.complexity?.class} → ${turn.complexity?.strategy}`,
        latencyMs: turn.latencyMs,
        tokens: turn.usage.inputTokens + turn.usage.outputTokens,
        costUsd: turn.costUsd,
        fallbacks: turn.fallbacks,
      });
    }
  } finally {
    chatbot.close();
  }
  return turns;
}
