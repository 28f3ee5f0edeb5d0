// Shared set-up of the end-to-end suite: the four real adapters (official SDKs) against the
// fake vendor servers of @modelmux/testing, configured through the factory's plain settings.
import type { ChatRequest } from '@modelmux/core';
import { type FakeProviders, startFakeProviders } from '@modelmux/testing';
import type { FactoryConfigInput } from '../index.js';

/** Keys shaped like real ones, so redaction is exercised; none is valid anywhere. */
export const keys = {
  openai: 'sk-e2e-modelmux-openai-0123456789abcdef',
  anthropic: 'sk-ant-e2e-modelmux-0123456789abcdef',
  google: 'AIzaE2EModelmuxGoogle0123456789abcdefgh',
  groq: 'gsk_e2e_modelmux_groq_0123456789abcdef',
} as const;

export type Vendor = keyof typeof keys;

/** `providers` settings for the given vendors, pointed at the fake. */
export function providersFor(
  fake: FakeProviders,
  vendors: readonly Vendor[] = ['openai', 'anthropic', 'google', 'groq'],
): NonNullable<FactoryConfigInput['providers']> {
  return Object.fromEntries(
    vendors.map((vendor) => [vendor, { apiKey: keys[vendor], baseURL: fake.baseURL[vendor] }]),
  );
}

/** A controllable clock for cool-downs, TTLs and budgets (no sleeping in tests). */
export function manualClock(start = Date.UTC(2026, 10, 25, 12)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

/** Short backoff so retries do not slow the suite. */
export const fastBackoff = { baseDelayMs: 1, maxDelayMs: 2 };

export function question(text = 'What is retrieval augmented generation?'): ChatRequest {
  return { messages: [{ role: 'user', content: text }] };
}

export { startFakeProviders, type FakeProviders };
