import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { CallSignal } from './call-signal.js';
import type { FinishReason } from './chat.js';
import { ProviderError } from './errors/provider-error.js';
import {
  runProviderGenerate,
  type ProviderResponse,
  type RunProviderGenerateOptions,
} from './run-provider-generate.js';

const usage = { inputTokens: 4, outputTokens: 2, totalTokens: 6 };
const answer = (
  text: string,
  finishReason: FinishReason = 'stop',
  model?: string,
): ProviderResponse => ({
  text,
  toolCalls: [],
  finishReason,
  usage,
  model,
  raw: { vendor: 'acme', text },
});

/** A vendor error mapper in miniature: typed errors pass through; the call tells a timeout from the caller's abort. */
function mapError(error: unknown, call: CallSignal): Error {
  if (ProviderError.isInstance(error)) return error;
  const kind = call.timedOut() ? 'timeout' : call.callerAborted() ? 'aborted' : 'network';
  return new ProviderError({
    kind,
    provider: 'acme',
    model: 'acme-1',
    message: `acme ${kind}`,
    cause: error,
  });
}

function run<T>(
  response: ProviderResponse | ((signal: AbortSignal) => Promise<ProviderResponse>),
  options: Partial<RunProviderGenerateOptions<T>> = {},
) {
  return runProviderGenerate<T>({
    provider: 'acme',
    model: 'acme-1',
    send: typeof response === 'function' ? response : async () => response,
    mapError,
    cost: (_model, { totalTokens }) => totalTokens / 1000,
    ...options,
  });
}

/** Never answers; rejects once the call's signal aborts, as the SDKs do. */
const hang = (signal: AbortSignal) =>
  new Promise<ProviderResponse>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(new Error('This operation was aborted')), {
      once: true,
    }),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('runProviderGenerate', () => {
  it('returns the answer with the provider, the model the vendor named, the latency, the cost on that model and the raw response', async () => {
    const priced: string[] = [];
    const result = await run(answer('Hello', 'stop', 'acme-1-001'), {
      cost: (model) => (priced.push(model), 0.25),
    });
    expect(result).toEqual({
      text: 'Hello',
      toolCalls: [],
      finishReason: 'stop',
      usage,
      provider: 'acme',
      model: 'acme-1-001',
      latencyMs: expect.any(Number),
      costUsd: 0.25,
      raw: { vendor: 'acme', text: 'Hello' },
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(priced).toEqual(['acme-1-001']);
  });

  it('names the requested model when the vendor names none', async () => {
    expect(await run(answer('Hello', 'stop', ''))).toMatchObject({
      model: 'acme-1',
      costUsd: 0.006,
    });
  });

  it('parses (and validates) the JSON a json request asked for, when the answer finished with stop or length', async () => {
    const schema = z.object({ city: z.string() });
    const json = { responseFormat: { type: 'json' as const, schema } };
    expect((await run(answer('```json\n{"city":"Paris"}\n```'), json)).object).toEqual({
      city: 'Paris',
    });
    expect((await run(answer('{"city":"Lyon"}', 'length'), json)).object).toEqual({ city: 'Lyon' });
    expect(await run(answer('{"city":"Paris"}'))).not.toHaveProperty('object');
  });

  it('leaves a tool-call or filtered answer unparsed', async () => {
    const json = { responseFormat: { type: 'json' as const } };
    expect(await run(answer('', 'tool-calls'), json)).not.toHaveProperty('object');
    expect(await run(answer('I cannot help with that.', 'content-filter'), json)).toMatchObject({
      finishReason: 'content-filter',
      text: 'I cannot help with that.',
    });
  });

  it('fails with kind quality (typed by the skeleton, not passed to mapError) when the JSON does not parse or match the schema', async () => {
    const seen: unknown[] = [];
    const spying = (error: unknown, call: CallSignal) => (seen.push(error), mapError(error, call));
    const json = {
      responseFormat: { type: 'json' as const, schema: z.object({ city: z.string() }) },
    };
    await expect(
      run(answer('not json', 'stop', 'acme-1-001'), { ...json, mapError: spying }),
    ).rejects.toMatchObject({ kind: 'quality', model: 'acme-1-001' });
    await expect(
      run(answer('{"town":"Paris"}'), { ...json, mapError: spying }),
    ).rejects.toMatchObject({ kind: 'quality', message: expect.stringContaining('city') });
    expect(seen).toHaveLength(0);
  });

  it('hands what send throws to mapError', async () => {
    const reset = new Error('read ECONNRESET');
    await expect(run(() => Promise.reject(reset))).rejects.toMatchObject({
      kind: 'network',
      cause: reset,
    });
  });

  it('times the whole call out after timeoutMs (kind timeout), and clears its timer once answered', async () => {
    vi.useFakeTimers();
    const settled = run(hang, { timeoutMs: 5_000 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toMatchObject({ kind: 'timeout', isRetryable: true });

    await run(answer('Hello'), { timeoutMs: 5_000 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports the caller's abort as kind aborted", async () => {
    const controller = new AbortController();
    const settled = run(hang, { signal: controller.signal });
    controller.abort();
    await expect(settled).rejects.toMatchObject({ kind: 'aborted', isRetryable: false });
  });
});
