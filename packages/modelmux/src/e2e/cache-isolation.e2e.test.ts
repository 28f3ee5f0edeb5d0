// Issue 24: the response cache must never cross tenants nor be poisoned by a caller.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { type FakeProviders, providersFor, useFakeFactories } from '../__fixtures__/e2e.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

const one = () => ({
  providers: providersFor(fake, ['openai']),
  primaryProvider: 'openai',
});

/** The system messages the fake received, per call. */
const systemsSent = () =>
  fake
    .requests('openai')
    .map((r) =>
      (r.body as { messages: { role: string; content: string }[] }).messages
        .filter((m) => m.role === 'system')
        .map((m) => m.content),
    );

describe('the cache does not cross tenants', () => {
  test('formatRequest adding per-tenant context from metadata: each tenant is its own entry', async () => {
    const factory = make({
      ...one(),
      cache: true,
      hooks: {
        formatRequest: (request) => ({
          ...request,
          messages: [
            {
              role: 'system',
              content: `Private context of ${String(request.metadata?.['tenant'])}`,
            },
            ...request.messages,
          ],
        }),
      },
    });
    const llm = factory.getProvider();
    const a = await llm.invoke('Summarise my account', { metadata: { tenant: 'A' } });
    const b = await llm.invoke('Summarise my account', { metadata: { tenant: 'B' } });
    expect([a.cached, b.cached]).toEqual([false, false]);
    expect(systemsSent()).toEqual([['Private context of A'], ['Private context of B']]);
    expect((await llm.invoke('Summarise my account', { metadata: { tenant: 'A' } })).cached).toBe(
      true,
    );
  });

  test('formatRequest adding context from outside the request: a hit only when the same would be sent', async () => {
    let tenant = 'A';
    const factory = make({
      ...one(),
      cache: true,
      hooks: {
        formatRequest: (request) => ({
          ...request,
          messages: [{ role: 'system', content: `Context of ${tenant}` }, ...request.messages],
        }),
      },
    });
    const llm = factory.getProvider();
    await llm.invoke('What is my balance?');
    tenant = 'B';
    const b = await llm.invoke('What is my balance?');
    expect(b.cached).toBe(false);
    expect(systemsSent()).toEqual([['Context of A'], ['Context of B']]);
    expect((await llm.invoke('What is my balance?')).cached).toBe(true);
    expect(fake.count('openai')).toBe(2);
  });

  test('a hit passes afterResponse for its own caller (a non-admin never gets the unmasked value)', async () => {
    const factory = make({
      ...one(),
      cache: true,
      hooks: {
        afterResponse: (result, context) =>
          context.requestId.startsWith('admin')
            ? result
            : { ...result, text: result.text.replace(/\w/g, '*') },
      },
    });
    const llm = factory.getProvider();
    const admin = await llm.invoke('Tell me the code', { requestId: 'admin-1' });
    const user = await llm.invoke('Tell me the code', { requestId: 'user-1' });
    expect(user.cached).toBe(true);
    expect(user.text).not.toBe(admin.text);
    expect(user.text).toMatch(/^[^A-Za-z0-9]*$/);
    // And the other way round: a masked first answer never reaches the admin masked.
    const again = await llm.invoke('Tell me the code', { requestId: 'admin-2' });
    expect(again).toMatchObject({ cached: true, text: admin.text });
  });
});

describe('the cache cannot be poisoned', () => {
  test('editing a result (text, usage, toolCalls) changes no later hit', async () => {
    const factory = make({ ...one(), cache: true });
    const llm = factory.getProvider();
    const first = await llm.invoke('What is RAG?');
    const text = first.text;
    first.text = 'poisoned';
    first.usage.outputTokens = 999_999;
    first.toolCalls.push({ id: 'x', name: 'evil', args: {}, rawArgs: '{}' });
    const hit = await llm.invoke('What is RAG?');
    expect(hit).toMatchObject({ cached: true, text });
    expect(hit.usage.outputTokens).not.toBe(999_999);
    expect(hit.toolCalls).toEqual([]);
    hit.text = 'poisoned again';
    hit.usage.inputTokens = -1;
    const next = await llm.invoke('What is RAG?');
    expect(next.text).toBe(text);
    expect(next.usage.inputTokens).toBeGreaterThanOrEqual(0);
    expect(fake.count('openai')).toBe(1);
  });

  test('two zod schemas with the same JSON Schema but different refinements do not share entries', async () => {
    fake.script('openai', [
      { reply: { text: '{"code":"ab"}' } },
      { reply: { text: '{"code":"abcdef"}' } },
    ]);
    const factory = make({ ...one(), cache: true });
    const llm = factory.getProvider();
    const loose = z.object({ code: z.string() });
    const strict = z.object({ code: z.string() }).refine((v) => v.code.length > 3);
    const ask = (schema: z.ZodType) =>
      llm.invoke({
        messages: [{ role: 'user', content: 'Give me a code' }],
        responseFormat: { type: 'json', schema },
      });
    expect((await ask(loose)).object).toEqual({ code: 'ab' });
    const second = await ask(strict);
    expect(second.cached).toBe(false);
    expect(second.object).toEqual({ code: 'abcdef' });
    expect((await ask(loose)).cached).toBe(true);
  });

  test('bounded in bytes: answers larger than maxBytes are not kept, and the total stays under it', async () => {
    const big = 'x'.repeat(30_000);
    fake.script('openai', [
      { reply: { text: big } },
      { reply: { text: big } },
      { reply: { text: big } },
    ]);
    const factory = make({ ...one(), cache: { maxBytes: 70_000, maxEntries: 100 } });
    const llm = factory.getProvider();
    for (const q of ['one?', 'two?', 'three?']) await llm.invoke(q);
    // Two 30 kB answers fit in 70 kB, three do not: the least recently used went.
    expect((await llm.invoke('three?')).cached).toBe(true);
    expect((await llm.invoke('two?')).cached).toBe(true);
    expect((await llm.invoke('one?')).cached).toBe(false);
    fake.script('openai', [{ reply: { text: 'y'.repeat(80_000) } }]);
    await llm.invoke('huge?');
    expect((await llm.invoke('huge?')).cached).toBe(false);
  });
});
