// The agent end to end: the real adapters against @modelmux/testing's fakes through
// ProviderFactory, with the agent's routing rules in the config.
import { type AppFactory, createRagApp } from '@modelmux/app-rag';
import { type FakeProviderName, type FakeProviders, startFakeProviders } from '@modelmux/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { type AgentStep, createAgent } from './agent.js';
import { createAgentFactory } from './agent-factory.js';
import { defaultTools } from './default-tools.js';
import { defineTool } from './tool.js';
import { calculatorTool } from './tools/calculator.js';

type Body = {
  messages?: { role: string; content?: unknown; tool_call_id?: string }[];
  tools?: { function?: { name: string; parameters: { properties: object } }; name?: string }[];
  tool_choice?: unknown;
};

let fake: FakeProviders;
const apps: AppFactory[] = [];
const make = async (options: Parameters<typeof createAgentFactory>[0] = {}) => {
  const app = await createAgentFactory({ fake, env: {}, ...options });
  apps.push(app);
  return app;
};
const chats = () => fake.requests().filter((r) => !/embed/i.test(r.path));

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  fake.reset();
});
afterAll(() => fake.close());

const task = 'What is "(1234 + 766) * 3 / 4"? Use the calculator.';

describe('a task that needs the calculator', () => {
  test('calls it with the right arguments, feeds the result back and answers with it', async () => {
    const { factory } = await make();
    const seen: AgentStep[] = [];
    const agent = createAgent({ factory, tools: defaultTools(), maxSteps: 5 });
    const result = await agent.run(task, { onStep: (s) => seen.push(s) });

    expect(result.stopReason).toBe('answer');
    expect(result.steps.map((s) => [s.n, s.kind])).toEqual([
      [1, 'tool-selection'],
      [2, 'tool-selection'],
      [3, 'synthesis'],
    ]);
    expect(seen).toEqual(result.steps);
    expect(result.steps[0]?.toolCalls).toEqual([
      expect.objectContaining({
        name: 'calculator',
        args: { expression: '(1234 + 766) * 3 / 4' },
        result: 1500,
      }),
    ]);
    expect(result.steps[0]?.toolCalls[0]?.error).toBeUndefined();
    expect(result.answer).toContain('1500');

    // At the fake: the first call offered the tools (the calculator's zod schema as JSON Schema),
    // the second carried the tool result back, the synthesis asked for no more tool calls.
    const sent = chats();
    expect(sent).toHaveLength(3);
    const first = sent[0]?.body as Body;
    const names = (first.tools ?? []).map((t) => t.function?.name ?? t.name);
    expect(names).toEqual(['calculator', 'current_time']);
    const second = JSON.stringify(sent[1]?.body);
    expect(second).toContain('1500');
    expect(second).toContain(result.steps[0]?.toolCalls[0]?.id);
    expect(JSON.stringify(sent[2]?.body)).toMatch(
      /"tool_choice":("none"|\{"type":"none"\})|"mode":"NONE"/,
    );

    // Cost and usage add up over the steps.
    const total = result.steps.reduce((sum, s) => sum + (s.costUsd ?? Number.NaN), 0);
    expect(result.costUsd).toBeCloseTo(total, 12);
    expect(result.usage.inputTokens).toBe(
      result.steps.reduce((n, s) => n + s.usage.inputTokens, 0),
    );
  });

  test('rules route tool-selection and synthesis steps to different providers, as counted at the fake', async () => {
    const { factory } = await make();
    const agent = createAgent({ factory, tools: defaultTools(), maxSteps: 5 });
    const result = await agent.run(task);
    const selection = result.steps.filter((s) => s.kind === 'tool-selection');
    const synthesis = result.steps.filter((s) => s.kind === 'synthesis');
    const cheap = selection[0]?.provider as FakeProviderName;
    const strong = synthesis[0]?.provider as FakeProviderName;
    expect(new Set(selection.map((s) => s.provider))).toEqual(new Set([cheap]));
    expect(cheap).not.toBe(strong);
    // The rules' strategies: the cheapest for tool selection, the best quality for the answer.
    expect(selection.every((s) => s.strategy === 'cost')).toBe(true);
    expect(synthesis[0]?.strategy).toBe('quality');
    expect(strong).toBe(factory.getBestQualityProvider().name);
    expect(factory.getProviderInfo(cheap).costPer1kInput).toBeLessThan(
      factory.getProviderInfo(strong).costPer1kInput as number,
    );
    // What each provider received, counted at the fake.
    expect(fake.count(cheap)).toBe(selection.length);
    expect(fake.count(strong)).toBe(1);
    expect(fake.count()).toBe(result.steps.length);
  });

  test("the user's rules come before the agent's: pinned providers per kind of step", async () => {
    const { factory } = await make({
      config: {
        rules: [
          { when: { task: 'tool-selection' }, use: 'openai' },
          { when: { task: 'synthesis' }, use: 'google' },
        ],
      },
    });
    const result = await createAgent({ factory, tools: defaultTools(), maxSteps: 5 }).run(task);
    expect(result.steps.map((s) => [s.kind, s.provider])).toEqual([
      ['tool-selection', 'openai'],
      ['tool-selection', 'openai'],
      ['synthesis', 'google'],
    ]);
    expect([
      fake.count('openai'),
      fake.count('google'),
      fake.count('anthropic'),
      fake.count('groq'),
    ]).toEqual([2, 1, 0, 0]);
  });
});

describe('the step limit', () => {
  const pinned = {
    config: {
      rules: [
        { when: { task: 'tool-selection' }, use: 'groq' },
        { when: { task: 'synthesis' }, use: 'anthropic' },
      ],
    },
  };

  test('cuts a model that keeps calling tools; the last step still answers from the results', async () => {
    const { factory } = await make(pinned);
    const call = {
      reply: { toolCalls: [{ name: 'calculator', args: { expression: '20 + 22' } }] },
    };
    fake.script('groq', [call, call, call, call, call]);
    const result = await createAgent({ factory, tools: defaultTools(), maxSteps: 3 }).run(
      'Keep adding.',
    );
    expect(result.stopReason).toBe('max-steps');
    expect(result.steps.map((s) => [s.kind, s.provider, s.toolCalls.map((c) => c.result)])).toEqual(
      [
        ['tool-selection', 'groq', [42]],
        ['tool-selection', 'groq', [42]],
        ['synthesis', 'anthropic', []],
      ],
    );
    expect(fake.count('groq')).toBe(2);
    expect(fake.count('anthropic')).toBe(1);
    expect(result.answer).toBe('Based on the tool result: 42');
  });

  test('maxSteps 1: no tool step, the synthesis answers directly', async () => {
    const { factory } = await make(pinned);
    const result = await createAgent({ factory, tools: defaultTools(), maxSteps: 1 }).run(task);
    expect(result.steps.map((s) => s.kind)).toEqual(['synthesis']);
    expect(result.stopReason).toBe('max-steps');
    expect(fake.count()).toBe(1);
  });

  test('a bad maxSteps or duplicate tool names are refused before any call', () => {
    const factory = {} as never;
    expect(() => createAgent({ factory, maxSteps: 0 })).toThrow(
      /maxSteps must be a whole number ≥ 1/,
    );
    expect(() => createAgent({ factory, maxSteps: 2.5 })).toThrow(RangeError);
    expect(() =>
      createAgent({ factory, tools: [calculatorTool, calculatorTool] as never }),
    ).toThrow(/two tools are named "calculator"/);
  });
});

describe('tool failures go back to the model, not up to the caller', () => {
  const pinned = {
    config: {
      rules: [
        { when: { task: 'tool-selection' }, use: 'groq' },
        { when: { task: 'synthesis' }, use: 'groq' },
      ],
    },
  };
  const run = async (toolCalls: { name: string; args: Record<string, unknown> }[]) => {
    const { factory } = await make(pinned);
    fake.script('groq', [{ reply: { toolCalls } }]);
    const result = await createAgent({ factory, tools: defaultTools(), maxSteps: 4 }).run(task);
    const sentBack = JSON.stringify(fake.requests('groq')[1]?.body);
    return { step: result.steps[0] as AgentStep, sentBack, result };
  };

  test('several tool calls in one step run in order, each result under its own call id', async () => {
    const { step, sentBack } = await run([
      { name: 'calculator', args: { expression: '6 * 7' } },
      { name: 'calculator', args: { expression: '2 ^ 8' } },
    ]);
    expect(step.toolCalls.map((c) => c.result)).toEqual([42, 256]);
    const body = JSON.parse(sentBack) as Body;
    const toolMessages = (body.messages ?? []).filter((m) => m.role === 'tool');
    expect(toolMessages.map((m) => [m.tool_call_id, m.content])).toEqual([
      [step.toolCalls[0]?.id, '42'],
      [step.toolCalls[1]?.id, '256'],
    ]);
  });

  test('arguments that fail the zod schema', async () => {
    const { step, sentBack, result } = await run([
      { name: 'calculator', args: { expression: 42 } },
    ]);
    expect(step.toolCalls[0]?.error).toMatch(/^invalid arguments for calculator: expression: /);
    expect(sentBack).toContain('Error: invalid arguments for calculator');
    expect(result.answer).toContain('Error: invalid arguments for calculator');
  });

  test('an expression the calculator cannot evaluate', async () => {
    const { step, sentBack } = await run([{ name: 'calculator', args: { expression: '1 / 0' } }]);
    expect(step.toolCalls[0]).toMatchObject({
      result: 'Error: division by zero',
      error: 'division by zero',
    });
    expect(sentBack).toContain('Error: division by zero');
  });

  test('an unknown tool', async () => {
    const { step } = await run([{ name: 'rm_rf', args: {} }]);
    expect(step.toolCalls[0]?.error).toBe(
      'unknown tool "rm_rf": use one of calculator, current_time',
    );
  });

  test('a tool that throws', async () => {
    const { step } = await run([{ name: 'current_time', args: { timeZone: 'Mars/Olympus' } }]);
    expect(step.toolCalls[0]?.error).toMatch(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('the other tools', () => {
  test('current_time reads the injected clock in the asked time zone', async () => {
    const { factory } = await make();
    const now = () => Date.UTC(2026, 0, 15, 9, 30);
    const agent = createAgent({ factory, tools: defaultTools({ now }), maxSteps: 4 });
    const result = await agent.run('What is the current time in "Asia/Tokyo"?');
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      name: 'current_time',
      args: { timeZone: 'Asia/Tokyo' },
      result: { iso: '2026-01-15T09:30:00.000Z', timeZone: 'Asia/Tokyo' },
    });
    expect(JSON.stringify(result.steps[0]?.toolCalls[0]?.result)).toContain('18:30:00');
  });

  test("search_docs searches the RAG app's index of the project docs", async () => {
    const { factory } = await make();
    const rag = createRagApp({ factory });
    const agent = createAgent({ factory, tools: defaultTools({ rag }), maxSteps: 4 });
    const result = await agent.run('Search the docs for "install the router".');
    const call = result.steps[0]?.toolCalls[0];
    expect(call).toMatchObject({ name: 'search_docs', args: { query: 'install the router' } });
    expect(String(call?.result)).toMatch(/^\[1\] packages\/router\/README\.md › Install\n/);
    expect(result.answer).toContain('npm install @modelmux/router');
    // The same index as apps/rag: ingested once, through routed embeddings.
    expect((await rag.ingest()).chunks).toBeGreaterThan(10);
  }, 60_000);

  test('a custom zod tool gets typed, validated arguments', async () => {
    const { factory } = await make();
    const received: unknown[] = [];
    const weather = defineTool({
      name: 'weather',
      description: 'The weather forecast for a city',
      parameters: z.object({ city: z.string(), days: z.number().int().min(1).max(7) }),
      execute: ({ city, days }) => {
        received.push({ city, days });
        return `${city}: sunny for ${days} days`;
      },
    });
    const result = await createAgent({ factory, tools: [weather] }).run(
      'What is the weather in Lisbon for 3 days?',
    );
    expect(received).toEqual([{ city: 'Lisbon', days: 3 }]);
    expect(result.answer).toBe('Based on the tool result: Lisbon: sunny for 3 days');
  });
});

describe('with keys in the environment', () => {
  test('the providers found are used, with the agent rules on top of the env config', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-agent-test',
      OPENAI_BASE_URL: fake.baseURL.openai,
      ANTHROPIC_API_KEY: 'sk-ant-agent-test',
      ANTHROPIC_BASE_URL: fake.baseURL.anthropic,
    };
    const app = await createAgentFactory({ env });
    apps.push(app);
    expect(app.mode).toBe('real');
    expect(app.describe()).toBe('real providers found in the environment: openai, anthropic');
    const result = await createAgent({ factory: app.factory, tools: defaultTools() }).run(task);
    expect(result.answer).toContain('1500');
    expect(result.steps.map((s) => [s.kind, s.provider])).toEqual([
      ['tool-selection', 'openai'],
      ['tool-selection', 'openai'],
      ['synthesis', 'anthropic'],
    ]);
    expect([fake.count('openai'), fake.count('anthropic')]).toEqual([2, 1]);
  });
});

describe('abort and odd tool values', () => {
  test('aborting during a tool stops the run: it rejects and nothing more is sent', async () => {
    const { factory } = await make();
    const controller = new AbortController();
    const slow = defineTool({
      name: 'calculator',
      description: 'Evaluate an arithmetic expression',
      parameters: z.object({ expression: z.string() }),
      execute: () => {
        controller.abort();
        return 0;
      },
    });
    const run = createAgent({ factory, tools: [slow] }).run(task, { signal: controller.signal });
    // modelmux's typed error: a ProviderError of kind 'aborted', raised before any call.
    await expect(run).rejects.toMatchObject({ kind: 'aborted' });
    expect(fake.count()).toBe(1);
  });

  test('a value that is not JSON goes back as text', async () => {
    const { factory } = await make();
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const odd = defineTool({
      name: 'calculator',
      description: 'Evaluate an arithmetic expression',
      parameters: z.object({ expression: z.string() }),
      execute: () => circular,
    });
    const result = await createAgent({ factory, tools: [odd] }).run(task);
    expect(result.steps[0]?.toolCalls[0]?.result).toBe('[object Object]');
    expect(result.answer).toBe('Based on the tool result: [object Object]');
  });
});
