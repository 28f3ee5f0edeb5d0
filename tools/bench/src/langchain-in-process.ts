// LangChain's ChatOpenAI vs ChatModelmux with no network: both on the same in-process `fetch`
// that answers an OpenAI chat completion at once, so the figures are the client-side work of
// each path (LangChain + SDK, or LangChain + modelmux + SDK), interleaved in batches.
import { ChatOpenAI } from '@langchain/openai';
import { ChatModelmux } from '@modelmux/langchain';
import type { FakeProcess } from './fake-process.js';
import type { BenchSize } from './scenarios.js';
import { maxTokens, prompt, routedFactory } from './sides.js';
import { interleave, median } from './stats.js';

const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_765_000_000,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello there, nice to meet.' },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
});

/** A `fetch` that answers every request with the same chat completion, in process. */
const cannedFetch: typeof globalThis.fetch = async () =>
  new Response(completion, { status: 200, headers: { 'content-type': 'application/json' } });

/** µs of wall time and CPU per call, by side (ChatOpenAI, ChatModelmux, modelmux invoke). */
export async function langchainInProcess(fake: FakeProcess, size: BenchSize) {
  const chatOpenAI = new ChatOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'sk-bench-0000000000000000',
    maxTokens,
    maxRetries: 0,
    configuration: { baseURL: fake.baseURL.openai, fetch: cannedFetch },
  });
  const factory = routedFactory(fake, { fetch: cannedFetch });
  const chatModelmux = new ChatModelmux({ factory, maxTokens });
  const llm = factory.getProvider();
  const calls = Math.max(20, Math.round(size.batch / 10));
  const cpu: Record<string, number[]> = { ChatOpenAI: [], ChatModelmux: [], 'modelmux invoke': [] };
  const batch = (name: string, fn: () => Promise<unknown>) => async () => {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const used = process.cpuUsage(before);
    cpu[name]?.push((used.user + used.system) / 1000);
  };
  try {
    const wall = await interleave(
      {
        ChatOpenAI: batch('ChatOpenAI', () => chatOpenAI.invoke(prompt)),
        ChatModelmux: batch('ChatModelmux', () => chatModelmux.invoke(prompt)),
        'modelmux invoke': batch('modelmux invoke', () => llm.invoke(prompt)),
      },
      Math.max(5, Math.round(size.rounds / 10)),
      2,
    );
    const perCallUs = (ms: number[]) => (median(ms) * 1000) / calls;
    return Object.fromEntries(
      Object.entries(wall).map(([name, samples]) => [
        name,
        { wallUs: perCallUs(samples), cpuUs: perCallUs(cpu[name] ?? []) },
      ]),
    ) as Record<string, { wallUs: number; cpuUs: number }>;
  } finally {
    await factory.close();
  }
}
