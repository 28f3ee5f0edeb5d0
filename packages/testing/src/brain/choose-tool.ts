import type { NeutralChatRequest, NeutralTool } from './neutral.js';
import { keywords, words } from './words.js';

/**
 * The tool the fake calls, or undefined for a text answer: the named tool; for 'required' the
 * best match (else the first tool); for 'auto' a tool the last user message asks for (names it
 * or uses words of its description), never right after a tool result.
 */
export function chooseTool(request: NeutralChatRequest): NeutralTool | undefined {
  const { tools, toolChoice, messages } = request;
  if (tools.length === 0 || toolChoice === 'none') return undefined;
  if (typeof toolChoice === 'object')
    return tools.find((t) => t.name === toolChoice.name) ?? tools[0];
  const last = messages[messages.length - 1];
  const ask = [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';
  const scored = tools
    .map((tool) => ({ tool, score: score(tool, ask) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (toolChoice === 'required') return best && best.score > 0 ? best.tool : tools[0];
  if (last?.role !== 'user') return undefined;
  return best && best.score > 0 ? best.tool : undefined;
}

function score(tool: NeutralTool, ask: string): number {
  const text = ask.toLowerCase();
  const spaced = tool.name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  if (text.includes(tool.name.toLowerCase()) || text.includes(spaced)) return 100;
  const asked = new Set(words(ask));
  const described = new Set(
    keywords(`${spaced} ${tool.description ?? ''}`).filter((w) => w.length >= 4),
  );
  let hits = 0;
  for (const w of described) if (asked.has(w)) hits++;
  return hits;
}
