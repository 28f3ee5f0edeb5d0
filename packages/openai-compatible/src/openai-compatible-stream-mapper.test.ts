import { describe, expect, it } from 'vitest';
import type { OpenAIChatWireChunk } from './openai-chat-wire.js';
import { createOpenAICompatibleStreamMapper } from './openai-compatible-stream-mapper.js';

const mapper = () =>
  createOpenAICompatibleStreamMapper<OpenAIChatWireChunk>({
    provider: 'acme',
    model: 'acme-1',
    estimateInputTokens: () => 7,
    rateLimit: { remainingRequests: 2 },
  });

describe('createOpenAICompatibleStreamMapper', () => {
  it('streams refusal pieces as text and ends with content-filter when there was no content', () => {
    const m = mapper();
    expect(m.push({ choices: [{ delta: { refusal: 'I can' } }] })).toEqual([
      { type: 'text-delta', text: 'I can' },
    ]);
    m.push({ choices: [{ delta: { refusal: 'not.' }, finish_reason: 'stop' }] });
    m.push({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2 } });
    expect(m.end()).toMatchObject({
      finishReason: 'content-filter',
      rateLimit: { remainingRequests: 2 },
    });
  });

  it('keeps the finish reason of an answer that has content besides an empty refusal', () => {
    const m = mapper();
    m.push({ choices: [{ delta: { content: 'Hi', refusal: '' }, finish_reason: 'stop' }] });
    m.push({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 } });
    expect(m.end()?.finishReason).toBe('stop');
  });

  it('estimates and marks usage for a finished stream without usage; is undefined without a finish reason', () => {
    const finished = mapper();
    finished.push({ choices: [{ delta: { content: 'abcdefgh' }, finish_reason: 'stop' }] });
    expect(finished.end()).toMatchObject({
      finishReason: 'stop',
      usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 },
      usageEstimated: true,
    });
    const cut = mapper();
    cut.push({ choices: [{ delta: { content: 'abcdefgh' } }] });
    expect(cut.end()).toBeUndefined();
  });

  it('throws kind server for a chunk without choices', () => {
    expect(() => mapper().push({ unexpected: true } as unknown as OpenAIChatWireChunk)).toThrow(
      expect.objectContaining({ kind: 'server' }),
    );
  });
});
