import { startFakeProviders, type FakeProviders } from '@modelmux/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeAnswers } from './conformance-answers.js';
import { conformanceContext, type ConformanceOptions } from './conformance-context.js';
import { describeFailures } from './conformance-failures.js';
import { describeHardening } from './conformance-hardening.js';

export type { ConformanceOptions, ConformanceSettings } from './conformance-context.js';

/**
 * The shared adapter conformance suite: the same behaviours, through each adapter's official
 * SDK against `@modelmux/testing`'s fake server, checking both the normalised result and what
 * the SDK sent.
 */
export function describeConformance(name: string, options: ConformanceOptions): void {
  describe(`${name} conformance`, () => {
    let fake: FakeProviders | undefined;
    const ctx = conformanceContext(name, options, () => {
      if (!fake) throw new Error('the fake server is not started');
      return fake;
    });

    beforeAll(async () => {
      fake = await startFakeProviders();
    });
    afterAll(async () => {
      await fake?.close();
    });
    beforeEach(() => {
      fake?.reset();
    });

    it('is available and declares the contract', () => {
      const provider = ctx.create();
      expect(provider.specificationVersion).toBe('v1');
      expect(provider.isAvailable()).toBe(true);
      expect(provider.defaultModel).toBe(options.model);
    });

    describeAnswers(ctx);
    describeFailures(ctx);
    describeHardening(ctx);
  });
}
