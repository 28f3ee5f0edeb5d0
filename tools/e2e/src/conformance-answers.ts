import { collectStream, estimateCost, type StreamEvent } from '@modelmux/core';
import { providerFailure } from '@modelmux/testing';
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  cityInfo,
  type ConformanceContext,
  drain,
  png,
  uncataloguedModel,
  weather,
} from './conformance-context.js';

/** Generate, stream, tools, structured output and embeddings: what a working adapter answers. */
export function describeAnswers(ctx: ConformanceContext): void {
  const { options, catalogue, create, requests, ask, script, expectProviderError } = ctx;
  describe('generate', () => {
    it('answers with text, usage, the priced cost, provider and model', async () => {
      const provider = create();
      const result = await provider.generate(ask('What is the capital of France?'));
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.finishReason).toBe('stop');
      expect(result.toolCalls).toEqual([]);
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.usage.totalTokens).toBe(result.usage.inputTokens + result.usage.outputTokens);
      expect(result.provider).toBe(provider.name);
      expect(result.model).toBe(options.model);
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
      expect(result.costUsd).toBeGreaterThan(0);
      expect(result.costUsd).toBeCloseTo(
        estimateCost(options.model, result.usage, catalogue) ?? Number.NaN,
        12,
      );
      const sent = requests();
      expect(sent).toHaveLength(1);
      expect(bodyText(sent[0]) + sent[0]?.path).toContain(options.model);
      expect(bodyText(sent[0])).toContain('What is the capital of France?');
      if (options.apiKey) {
        expect(JSON.stringify(sent[0]?.headers)).not.toContain(options.apiKey);
        expect(Object.values(sent[0]?.headers ?? {}).some((v) => v.includes('[REDACTED]'))).toBe(
          true,
        );
      }
    });

    it('reports costUsd undefined (not 0) for a model the catalogue does not price', async () => {
      const result = await create().generate(ask('Hello there', { model: uncataloguedModel }));
      expect(result.model).toBe(uncataloguedModel);
      expect(result.costUsd).toBeUndefined();
    });

    it('sends the system prompt', async () => {
      await create().generate({
        messages: [
          { role: 'system', content: 'Answer like a pirate.' },
          { role: 'user', content: 'Hi' },
        ],
      });
      expect(bodyText(requests()[0])).toContain('Answer like a pirate.');
    });

    it.runIf(options.supportsImages)('sends image parts (base64)', async () => {
      const result = await create().generate({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this image' },
              { type: 'image', source: { kind: 'base64', data: png, mediaType: 'image/png' } },
            ],
          },
        ],
      });
      expect(result.text.length).toBeGreaterThan(0);
      expect(bodyText(requests()[0])).toContain(png);
    });

    it('reports cached input tokens and prices them at the cached rate', async () => {
      script({
        reply: {
          text: 'From the cache.',
          usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 600 },
        },
      });
      const result = await create().generate(ask('Summarise the long document'));
      expect(result.usage.cachedInputTokens).toBe(600);
      expect(result.usage.inputTokens).toBe(1000);
      expect(result.costUsd).toBeCloseTo((400 * 1 + 600 * 0.5 + 10 * 2) / 1e6, 12);
    });

    it('returns finish reason content-filter as a result, not an error', async () => {
      script('content-filter');
      const result = await create().generate(ask('Something the filter blocks'));
      expect(result.finishReason).toBe('content-filter');
    });
  });

  describe('stream', () => {
    it('streams text deltas that add up to the generated text, then one finish with usage and cost', async () => {
      const provider = create();
      const request = ask('Tell me about the Eiffel Tower');
      const whole = await provider.generate(request);
      const events = await drain(provider.stream(request));
      const deltas = events.filter((e) => e.type === 'text-delta');
      expect(deltas.length).toBeGreaterThan(0);
      expect(deltas.map((e) => e.text).join('')).toBe(whole.text);
      const finish = events.at(-1);
      expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
      expect(finish).toMatchObject({
        type: 'finish',
        finishReason: 'stop',
        provider: provider.name,
        model: options.model,
      });
      if (finish?.type !== 'finish') throw new Error('no finish');
      expect(finish.usage.inputTokens).toBeGreaterThan(0);
      expect(finish.usage.outputTokens).toBeGreaterThan(0);
      expect(finish.costUsd).toBeCloseTo(
        estimateCost(options.model, finish.usage, catalogue) ?? Number.NaN,
        12,
      );
      expect(requests()).toHaveLength(2);
      expect(
        bodyText(requests()[1]).includes('"stream":true') ||
          (requests()[1]?.path ?? '').includes('stream'),
      ).toBe(true);
    });

    it('starts the call on the first next(), not before', async () => {
      const stream = create().stream(ask('Lazy?'))[Symbol.asyncIterator]();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ctx.fake().count(options.fake)).toBe(0);
      await stream.next();
      expect(ctx.fake().count(options.fake)).toBe(1);
      await stream.return?.();
    });

    it('aborts the HTTP request when the consumer stops early', async () => {
      // A slow stream (events 50 ms apart): the answer cannot have finished on its own when the
      // consumer leaves after the first event, so the fake sees the socket close mid-answer.
      // Observed at the fake, not at a fetch spy: it holds for any `fetch` the adapter is given.
      script({ streamEventDelayMs: 50 });
      const provider = create();
      const stream = provider.stream(ask('Write a long story about a dragon and a castle'));
      let seen = 0;
      for await (const event of stream) {
        expect(event.type).not.toBe('finish');
        seen += 1;
        break;
      }
      expect(seen).toBe(1);
      const sent = requests();
      expect(sent).toHaveLength(1);
      await expect.poll(() => sent[0]?.closedEarly, { timeout: 2_000 }).toBe(true);
    });

    it('reports cached input tokens in the finish event', async () => {
      script({
        reply: {
          text: 'From the cache.',
          usage: { inputTokens: 1000, outputTokens: 10, cachedInputTokens: 600 },
        },
      });
      const result = await collectStream(create().stream(ask('Summarise the long document')));
      expect(result.usage).toMatchObject({ inputTokens: 1000, cachedInputTokens: 600 });
    });

    it('ends with finish reason content-filter', async () => {
      script('content-filter');
      const events = await drain(create().stream(ask('Something the filter blocks')));
      expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
    });

    it('throws a typed error, never a silent truncation, when the stream is cut', async () => {
      script({ streamCutAfter: 2 });
      const provider = create();
      const seen: StreamEvent[] = [];
      const error = await providerFailure(
        drain(provider.stream(ask('Tell me about the Eiffel Tower')), seen),
      );
      expectProviderError(error, 'network', provider);
      expect(error.isRetryable).toBe(true);
      expect(seen.some((e) => e.type === 'finish')).toBe(false);
    });

    it('throws a typed error on a malformed chunk', async () => {
      script('malformed');
      const provider = create();
      const seen: StreamEvent[] = [];
      const error = await providerFailure(drain(provider.stream(ask('Hello')), seen));
      expectProviderError(error, 'server', provider);
      expect(seen.some((e) => e.type === 'finish')).toBe(false);
    });

    it('throws a typed error for an error sent inside the stream', async () => {
      script({ streamErrorAfter: 2, error: 'server' });
      const provider = create();
      const seen: StreamEvent[] = [];
      const error = await providerFailure(drain(provider.stream(ask('Hello')), seen));
      expect(error.provider).toBe(provider.name);
      expect(['server', 'overloaded']).toContain(error.kind);
      expect(seen.some((e) => e.type === 'finish')).toBe(false);
    });

    it('throws the mapped error from the first next() when the call fails', async () => {
      script({ error: 'rate_limit', retryAfter: 2 });
      const provider = create();
      const error = await providerFailure(drain(provider.stream(ask('Hello'))));
      expectProviderError(error, 'rate_limit', provider);
      expect(error.retryAfterMs).toBe(2000);
    });
  });

  describe('tools', () => {
    it('runs a tool call → tool result → answer round trip', async () => {
      const provider = create();
      const question = ask('What is the weather in Paris? Use get_weather.', { tools: [weather] });
      const first = await provider.generate(question);
      expect(first.finishReason).toBe('tool-calls');
      expect(first.toolCalls).toHaveLength(1);
      const call = first.toolCalls[0];
      if (!call) throw new Error('no tool call');
      expect(call.name).toBe('get_weather');
      expect(call.id.length).toBeGreaterThan(0);
      expect(weather.parameters.safeParse(call.args).success).toBe(true);
      expect(JSON.parse(call.rawArgs)).toEqual(call.args);
      expect(bodyText(requests()[0])).toContain('get_weather');
      expect(bodyText(requests()[0])).toContain('Get the current weather of a city');

      const second = await provider.generate({
        ...question,
        messages: [
          ...question.messages,
          { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
          {
            role: 'tool',
            toolCallId: call.id,
            toolName: call.name,
            result: { city: 'Paris', forecast: 'sunny', tempC: 21 },
          },
        ],
      });
      expect(second.finishReason).toBe('stop');
      expect(second.toolCalls).toEqual([]);
      expect(second.text).toMatch(/sunny|21/);
      const sent = bodyText(requests()[1]);
      expect(sent).toContain('sunny');
      expect(sent).toContain('get_weather');
    });

    it("forces a call with toolChoice 'required' and a named choice, and none with 'none'", async () => {
      const provider = create();
      const required = await provider.generate(
        ask('Hello there', { tools: [weather], toolChoice: 'required' }),
      );
      expect(required.toolCalls.map((c) => c.name)).toEqual(['get_weather']);
      const named = await provider.generate(
        ask('Hello there', { tools: [weather], toolChoice: { name: 'get_weather' } }),
      );
      expect(named.toolCalls.map((c) => c.name)).toEqual(['get_weather']);
      const none = await provider.generate(
        ask('What is the weather in Paris? Use get_weather.', {
          tools: [weather],
          toolChoice: 'none',
        }),
      );
      expect(none.toolCalls).toEqual([]);
      expect(none.text.length).toBeGreaterThan(0);
    });

    it('streams tool call deltas, then the whole call before finish', async () => {
      const events = await drain(
        create().stream(
          ask('What is the weather in Paris? Use get_weather.', { tools: [weather] }),
        ),
      );
      expect(events.some((e) => e.type === 'tool-call-delta')).toBe(true);
      const whole = events.filter((e) => e.type === 'tool-call');
      expect(whole).toHaveLength(1);
      expect(whole[0]?.toolCall.name).toBe('get_weather');
      expect(weather.parameters.safeParse(whole[0]?.toolCall.args).success).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    });
  });

  describe('structured output', () => {
    it('returns the object validated by the zod schema', async () => {
      const mode = options.structuredOutput ?? 'schema';
      if (mode === 'json-mode')
        script({ reply: { text: '{"city":"Paris","population":2100000}' } });
      const result = await create().generate(
        ask('Give the city and population of Paris', {
          responseFormat: { type: 'json', name: 'city_info', schema: cityInfo },
        }),
      );
      expect(cityInfo.parse(result.object)).toEqual(result.object);
      expect(result.object).toEqual(JSON.parse(result.text));
      if (mode === 'json-mode')
        expect(result.object).toEqual({ city: 'Paris', population: 2100000 });
      // The schema went to the vendor, in whatever form it takes.
      expect(bodyText(requests()[0])).toContain('population');
    });

    it('fails with kind quality when the answer does not match the schema', async () => {
      script({ reply: { text: '{"city":"Paris"}' } });
      const provider = create();
      const error = await providerFailure(
        provider.generate(ask('Paris?', { responseFormat: { type: 'json', schema: cityInfo } })),
      );
      expectProviderError(error, 'quality', provider);
    });
  });

  describe('embeddings', () => {
    it.runIf(options.embeddings)(
      'embeds a batch in order, similar texts closer, dimensions honoured',
      async () => {
        const provider = create();
        if (!provider.embed) throw new Error('embed is missing');
        const input = ['the cat sat on the mat', 'a cat sat on a mat', 'quarterly tax law reform'];
        const result = await provider.embed({ input });
        expect(result.embeddings).toHaveLength(3);
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(result.provider).toBe(provider.name);
        const [a, b, c] = result.embeddings as [number[], number[], number[]];
        const cosine = (x: number[], y: number[]) =>
          x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0) / (Math.hypot(...x) * Math.hypot(...y));
        expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
        const small = await provider.embed({ input: ['hello'], dimensions: 64 });
        expect(small.embeddings[0]).toHaveLength(64);
        expect(bodyText(requests()[0])).toContain('quarterly tax law reform');
      },
    );

    it.runIf(!options.embeddings)('has no embed method (the vendor offers no embeddings)', () => {
      const provider = create();
      expect(provider.embed).toBeUndefined();
      expect(provider.defaultEmbeddingModel).toBeUndefined();
    });
  });
}
