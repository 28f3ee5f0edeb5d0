// The real `openai` and `@anthropic-ai/sdk` clients pointed at a running gateway (a real port on
// 127.0.0.1) in front of the fake vendors; what reached a vendor is read at the fake.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { type Running, useGateway } from '../__fixtures__/gateway-fixture.js';

const { fake, start } = useGateway();

function openai(run: Running, apiKey: string): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${run.url}/v1`, maxRetries: 0 });
}

describe('the openai SDK through the gateway', () => {
  test('chat JSON: routed, with the gateway headers and usage', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'svc' });
    const { data, response } = await openai(run, key)
      .chat.completions.create({
        model: 'openai',
        messages: [{ role: 'user', content: 'What is RAG?' }],
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/\w/);
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-modelmux-provider')).toBe('openai');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('x-modelmux-attempts')).toBe('1');
    expect(Number(response.headers.get('x-modelmux-overhead-ms'))).toBeGreaterThan(0);
    expect(fake().count('openai')).toBe(1);
  });

  test('chat SSE with usage in the stream', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'svc' });
    const stream = await openai(run, key).chat.completions.create({
      model: 'anthropic',
      messages: [{ role: 'user', content: 'Tell me a story' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(fake().count('anthropic')).toBe(1);
  });

  test('tools and json_schema', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'svc' });
    const client = openai(run, key);
    const tools = await client.chat.completions.create({
      model: 'openai',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        },
      ],
      tool_choice: 'required',
    });
    expect(tools.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'get_weather' },
    });
    const structured = await client.chat.completions.create({
      model: 'openai',
      messages: [{ role: 'user', content: 'Name a city' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(typeof JSON.parse(structured.choices[0]?.message.content ?? 'null').city).toBe('string');
  });

  test('embeddings and models', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'svc' });
    const client = openai(run, key);
    const embedded = await client.embeddings.create({ model: 'openai', input: ['a', 'b'] });
    expect(embedded.data).toHaveLength(2);
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['auto', 'openai', 'anthropic']));
  });
});

describe('the anthropic SDK through the gateway', () => {
  test('messages, JSON and streamed', async () => {
    const run = await start();
    const { key } = await run.newKey({ name: 'claude-app' });
    const client = new Anthropic({ apiKey: key, baseURL: run.url, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'anthropic',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.content[0]?.type).toBe('text');
    const stream = client.messages.stream({
      model: 'openai',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello again' }],
    });
    const final = await stream.finalMessage();
    expect(final.content[0]?.type).toBe('text');
    expect(fake().count('openai')).toBe(1);
  });
});
