import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { type FakeProviders, useFakeFactories } from './__fixtures__/fakes.js';
import { ChatModelmux, modelmuxMetadataOf } from './index.js';

let fake: FakeProviders;
const make = useFakeFactories((f) => (fake = f));

const used: string[] = [];
const getWeather = tool(
  async ({ city }) => {
    used.push(`get_weather(${city})`);
    return JSON.stringify({ city, celsius: 18 });
  },
  {
    name: 'get_weather',
    description: 'The current temperature in a city, in °C',
    schema: z.object({ city: z.string() }),
  },
);
const toFahrenheit = tool(
  async ({ celsius }) => {
    used.push(`to_fahrenheit(${celsius})`);
    return String((celsius * 9) / 5 + 32);
  },
  {
    name: 'to_fahrenheit',
    description: 'Converts °C to °F',
    schema: z.object({ celsius: z.number() }),
  },
);

type Body = { messages: { role: string; content?: unknown; tool_call_id?: string }[] };

test('a LangGraph prebuilt ReAct agent completes a two-tool task through ChatModelmux', async () => {
  const model = new ChatModelmux({ factory: make() });
  const agent = createReactAgent({ llm: model, tools: [getWeather, toFahrenheit] });
  fake.script('openai', [
    { status: 503 }, // the first step falls back to anthropic; the rest answer on openai
    { reply: { toolCalls: [{ name: 'to_fahrenheit', args: { celsius: 18 } }] } },
    { reply: { text: 'It is 64.4°F in Paris.' } },
  ]);
  fake.script('anthropic', [
    { reply: { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] } },
  ]);

  const state = await agent.invoke({
    messages: [{ role: 'user', content: 'How warm is it in Paris, in Fahrenheit?' }],
  });

  expect(used).toEqual(['get_weather(Paris)', 'to_fahrenheit(18)']);
  const last = state.messages.at(-1);
  expect(last?.content).toBe('It is 64.4°F in Paris.');
  expect(state.messages.map((m) => m.getType())).toEqual([
    'human',
    'ai',
    'tool',
    'ai',
    'tool',
    'ai',
  ]);
  expect(modelmuxMetadataOf(state.messages[1] ?? {})?.provider).toBe('anthropic');
  // What reached the fakes: the tools on every call, each tool result sent back.
  expect([fake.count('openai'), fake.count('anthropic')]).toEqual([3, 1]);
  const anthropicBody = fake.requests('anthropic')[0]?.body as { tools: { name: string }[] };
  expect(anthropicBody.tools.map((t) => t.name)).toEqual(['get_weather', 'to_fahrenheit']);
  const [, second, third] = fake.requests('openai').map((r) => r.body as Body);
  expect(second?.messages.at(-1)).toMatchObject({
    role: 'tool',
    content: JSON.stringify({ city: 'Paris', celsius: 18 }),
  });
  expect(third?.messages.at(-1)).toMatchObject({ role: 'tool', content: '64.4' });
});
