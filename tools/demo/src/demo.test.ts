import { describe, expect, it } from 'vitest';
import { runDemo } from './demo.js';

describe('the demo tour', () => {
  it('runs offline end to end and shows each behaviour it claims', async () => {
    const lines: string[] = [];
    const report = await runDemo((line) => lines.push(line));
    const output = lines.join('\n');

    // 1. the same request through the four official SDKs, each priced from the catalogue
    expect(Object.keys(report.answers).sort()).toEqual(['anthropic', 'google', 'groq', 'openai']);
    for (const [name, result] of Object.entries(report.answers)) {
      expect(result.provider).toBe(name);
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.usage.totalTokens).toBeGreaterThan(0);
      expect(result.costUsd).toBeGreaterThan(0);
    }
    // 2-5
    expect(report.streamedText.length).toBeGreaterThan(0);
    expect(report.toolAnswer).toContain('18');
    expect(report.city).toEqual({ city: expect.any(String), population: expect.any(Number) });
    expect(report.similarity.similar).toBeGreaterThan(report.similarity.unrelated);
    // 6. a 429 costs one call, then the provider is skipped during its cool-down
    expect(report.rateLimit).toEqual({
      servedBy: ['anthropic', 'anthropic', 'anthropic'],
      openaiCalls: 1,
    });
    // 7. a dead primary stops receiving calls once its breaker opens
    expect(report.deadPrimary.servedBy).toEqual(['google', 'google', 'google', 'google']);
    expect(report.deadPrimary.breaker).toBe('open');
    expect(report.deadPrimary.groqCalls).toBe(2);
    // 8-9
    expect(report.interrupted?.partialText.length).toBeGreaterThan(0);
    expect(report.allFailed).toEqual([
      'anthropic:overloaded',
      'anthropic:overloaded',
      'google:auth',
    ]);
    // no key used by the demo leaks into what it prints
    expect(output).not.toMatch(/sk-demo|sk-ant-demo|AIzaDemo|gsk_demo/);
  });
});
