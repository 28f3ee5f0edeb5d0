import {
  AllProvidersFailedError,
  StreamInterruptedError,
  collectStream,
  toChatRequest,
  type ChatResult,
  type Provider,
} from '@modelmux/core';
import { createAnthropic } from '@modelmux/anthropic';
import { createGoogle } from '@modelmux/google';
import { createGroq } from '@modelmux/groq';
import { createOpenAI } from '@modelmux/openai';
import { createFallbackExecutor } from '@modelmux/resilience';
import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { z } from 'zod';

/** Where the demo writes its lines (stdout by default; the test collects them). */
export type Print = (line: string) => void;

/** What the demo measured, for its test and for a closing summary. */
export interface DemoReport {
  answers: Record<string, ChatResult>;
  streamedText: string;
  toolAnswer: string;
  city: { city: string; population: number } | undefined;
  similarity: { similar: number; unrelated: number };
  rateLimit: { servedBy: string[]; openaiCalls: number };
  deadPrimary: { servedBy: string[]; groqCalls: number; breaker: string | undefined };
  interrupted: { partialText: string } | undefined;
  allFailed: string[];
}

const usd = (cost: number | undefined) =>
  cost === undefined ? 'unknown price' : `$${cost.toFixed(6)}`;

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / (Math.sqrt(na) * Math.sqrt(nb) || 1);
}

/** The four adapters, each through its official SDK, pointed at the fake server. */
export function createDemoProviders(
  fake: FakeProviders,
): Record<'openai' | 'anthropic' | 'google' | 'groq', Provider> {
  const env = {}; // never read real keys in the demo
  return {
    openai: createOpenAI({
      apiKey: 'sk-demo-openai-key-000',
      baseURL: fake.baseURL.openai,
      model: 'gpt-4o-mini',
      env,
    }),
    anthropic: createAnthropic({
      apiKey: 'sk-ant-demo-key-000',
      baseURL: fake.baseURL.anthropic,
      model: 'claude-haiku-4-5',
      env,
    }),
    google: createGoogle({
      apiKey: 'AIzaDemoKeyDemoKeyDemoKey000',
      baseURL: fake.baseURL.google,
      model: 'gemini-2.5-flash',
      env,
    }),
    groq: createGroq({
      apiKey: 'gsk_demokey000000',
      baseURL: fake.baseURL.groq,
      model: 'llama-3.3-70b-versatile',
      env,
    }),
  };
}

/**
 * The demo tour: one contract over four official SDKs, then what the resilience layer does when
 * providers fail — all offline, against `@modelmux/testing`'s fake vendor servers.
 */
export async function runDemo(print: Print = console.log): Promise<DemoReport> {
  const fake = await startFakeProviders({ seed: 42 });
  const providers = createDemoProviders(fake);
  const executor = createFallbackExecutor({
    maxRetries: 1,
    baseDelayMs: 10,
    maxDelayMs: 50,
    timeoutMs: 5_000,
    deadlineMs: 15_000,
    breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeout: 60_000 },
  });
  executor.onFallback(({ from, to, kind }) => print(`    ↪ fallback ${from} → ${to} (${kind})`));
  executor.onCoolDown(({ provider, durationMs }) =>
    print(`    ⏸ ${provider} cools down for ${Math.round(durationMs / 1000)} s`),
  );
  executor.onBreak(({ provider }) => print(`    ⛔ circuit breaker for ${provider} is open`));
  const answers: Record<string, ChatResult> = {};
  const report: Partial<DemoReport> = { answers };
  try {
    print(`modelmux demo — offline, against fake vendor servers at ${fake.url}\n`);

    print(
      "1. One contract, four official SDKs (google: @google/genai; sdk: 'legacy' for @google/generative-ai)",
    );
    const question = toChatRequest('What is retrieval-augmented generation?', { maxTokens: 200 });
    for (const [name, provider] of Object.entries(providers)) {
      const result = await provider.generate(question);
      answers[name] = result;
      print(
        `  ${name.padEnd(9)} ${result.model.padEnd(24)} ${String(result.usage.totalTokens).padStart(4)} tokens  ${usd(result.costUsd).padEnd(13)} "${result.text.slice(0, 60)}"`,
      );
    }

    print('\n2. Streaming (anthropic)');
    let streamed = '';
    const streamedResult = await collectStream(
      providers.anthropic.stream(toChatRequest('Explain streaming in one sentence.')),
      {
        onEvent: (event) => {
          if (event.type === 'text-delta') streamed += event.text;
        },
      },
    );
    report.streamedText = streamed;
    print(
      `  ${streamed.length} characters in deltas, finish: ${streamedResult.finishReason}, ${streamedResult.usage.outputTokens} output tokens`,
    );

    print('\n3. A tool call round trip (google)');
    const weather = {
      name: 'get_weather',
      description: 'Get the current weather of a city',
      parameters: z.object({ city: z.string() }),
    };
    const ask = toChatRequest({
      messages: [{ role: 'user', content: 'Use get_weather: what is the weather in Paris?' }],
      tools: [weather],
    });
    const call = await providers.google.generate(ask);
    const toolCall = call.toolCalls[0];
    print(`  model asked for ${toolCall?.name}(${toolCall?.rawArgs})`);
    const final = toolCall
      ? await providers.google.generate({
          ...ask,
          messages: [
            ...ask.messages,
            { role: 'assistant', content: call.text, toolCalls: call.toolCalls },
            {
              role: 'tool',
              toolCallId: toolCall.id,
              toolName: toolCall.name,
              result: { temperatureC: 18, sky: 'clear' },
            },
          ],
        })
      : call;
    report.toolAnswer = final.text;
    print(`  answer after the tool result: "${final.text.slice(0, 80)}"`);

    print('\n4. Structured output validated by zod (openai)');
    const cityInfo = z.object({ city: z.string(), population: z.number() });
    const structured = await providers.openai.generate({
      messages: [{ role: 'user', content: 'What is the population of Paris? Answer as JSON.' }],
      responseFormat: { type: 'json', schema: cityInfo, name: 'city_info' },
    });
    report.city = structured.object;
    print(`  object: ${JSON.stringify(structured.object)}`);

    print('\n5. Embeddings (openai)');
    if (!providers.openai.embed) throw new Error('the openai adapter has no embed()');
    const embedded = await providers.openai.embed({
      input: ['the cat sat on the mat', 'a cat sat on a mat', 'quarterly revenue grew strongly'],
    });
    const [a, b, c] = embedded.embeddings as [number[], number[], number[]];
    report.similarity = { similar: cosine(a, b), unrelated: cosine(a, c) };
    print(
      `  similar texts ${report.similarity.similar.toFixed(3)} vs unrelated ${report.similarity.unrelated.toFixed(3)} (${a.length} dimensions)`,
    );

    print(
      '\n6. A 429 switches provider at once, and the provider is skipped until its retry-after',
    );
    fake.reset();
    fake.script('openai', [{ status: 429, retryAfter: 30 }]);
    const servedBy: string[] = [];
    for (let i = 0; i < 3; i++)
      servedBy.push(
        (await executor.generate([providers.openai, providers.anthropic], question)).provider,
      );
    report.rateLimit = { servedBy, openaiCalls: fake.count('openai') };
    print(
      `  served by: ${servedBy.join(', ')}; requests that reached openai: ${fake.count('openai')} (the 429 only)`,
    );

    print('\n7. A dead primary: retries, then the breaker opens and it gets zero calls');
    fake.rules('groq', { failRate: 1, failWith: { status: 503 } });
    const deadServed: string[] = [];
    for (let i = 0; i < 4; i++)
      deadServed.push(
        (await executor.generate([providers.groq, providers.google], question)).provider,
      );
    const groqStatus = executor.status().find((s) => s.provider === 'groq');
    report.deadPrimary = {
      servedBy: deadServed,
      groqCalls: fake.count('groq'),
      breaker: groqStatus?.breaker,
    };
    print(
      `  served by: ${deadServed.join(', ')}; requests that reached groq: ${fake.count('groq')}; breaker: ${groqStatus?.breaker}`,
    );

    print('\n8. A stream that fails after its first token ends with a typed error, never silently');
    fake.script('google', [{ streamCutAfter: 2 }]);
    try {
      let events = 0;
      for await (const event of executor.stream(
        [providers.google, providers.anthropic],
        toChatRequest('Tell me a long story about the sea and the wind.'),
      )) {
        if (event.type === 'text-delta') events += 1;
      }
      print(`  unexpected: the stream finished after ${events} deltas`);
    } catch (error) {
      if (!StreamInterruptedError.isInstance(error)) throw error;
      report.interrupted = { partialText: error.partialText };
      print(`  ${error.name}: kept ${error.partialText.length} characters of partial text`);
    }

    print('\n9. When every provider fails: one error listing every attempt');
    fake.script('anthropic', [{ error: 'overloaded' }, { error: 'overloaded' }]);
    fake.script('google', [{ error: 'auth' }]);
    try {
      await executor.generate([providers.anthropic, providers.google], question);
    } catch (error) {
      if (!AllProvidersFailedError.isInstance(error)) throw error;
      report.allFailed = error.attempts.map((a) => `${a.provider}:${a.kind}`);
      print(`  ${error.message.split('\n').join('\n  ')}`);
    }
    print(
      '\nDone. Every call above went through the official SDKs over HTTP to the local fake; no API key was needed.',
    );
    return report as DemoReport;
  } finally {
    executor.dispose();
    await fake.close();
  }
}
