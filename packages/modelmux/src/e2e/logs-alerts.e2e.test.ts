// Logs (pino, off unless a logger is passed) and alert events, end to end on the fakes.
import { pino } from 'pino';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type FakeProviders,
  keys,
  manualClock,
  providersFor,
  useFakeFactories,
} from '../__fixtures__/e2e.js';
import { type AlertEvent } from '../index.js';

let fake: FakeProviders;
const make = useFakeFactories((started) => (fake = started));

// Runs before the shared hook closes the factories (vitest runs after-hooks in reverse order).
afterEach(async () => {
  vi.useRealTimers();
});

describe('logs', () => {
  test("with a pino logger: the design's lines, and no key, prompt or answer", async () => {
    const lines: { msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const factory = make(
      {
        primaryProvider: 'google',
        fallbackProviders: ['anthropic'],
        providers: providersFor(fake, ['google', 'anthropic']),
        maxRetries: 0,
      },
      { logger },
    );
    fake.script('google', [{ error: 'quota' }]);
    const answer = await factory.getProvider().invoke('What is the secret plan?');
    fake.script('anthropic', [{ status: 500 }]);
    fake.script('google', [{ status: 500 }]);
    await factory
      .getProvider('anthropic')
      .invoke('Hi')
      .catch(() => undefined);

    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('Using anthropic for content generation');
    expect(messages).toContain('google quota exceeded, switching to anthropic');
    expect(messages.some((m) => m.startsWith('All LLM providers failed: [anthropic:'))).toBe(true);
    const text = JSON.stringify(lines);
    for (const key of Object.values(keys)) expect(text).not.toContain(key);
    expect(text).not.toContain('secret plan');
    expect(text).not.toContain(answer.text);
  });
});

describe('alerts', () => {
  test('an alert rule fires once after holding for its duration and resolves once (fake timers, injected clock)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = manualClock();
    const factory = make(
      {
        providers: providersFor(fake, ['openai']),
        maxRetries: 0,
        defaultAlerts: false,
        alertIntervalMs: 1_000,
        alerts: [
          {
            name: 'openai_errors',
            condition: 'error_rate > 0.5',
            for: '2s',
            severity: 'critical',
            provider: 'openai',
          },
        ],
      },
      { now: clock.now },
    );
    const alerts: AlertEvent[] = [];
    factory.on('alert', (alert) => alerts.push(alert));

    fake.script('openai', [{ status: 500 }]);
    await factory
      .getProvider()
      .invoke('Hi')
      .catch(() => undefined);
    vi.advanceTimersByTime(1_000);
    expect(alerts).toEqual([]);
    clock.advance(2_500);
    vi.advanceTimersByTime(1_000);
    clock.advance(1_000);
    vi.advanceTimersByTime(1_000);
    expect(alerts).toEqual([
      expect.objectContaining({
        name: 'openai_errors',
        state: 'firing',
        severity: 'critical',
        provider: 'openai',
      }),
    ]);

    for (let i = 0; i < 3; i++) await factory.getProvider().invoke(`ok ${i}`);
    clock.advance(1_000);
    vi.advanceTimersByTime(1_000);
    clock.advance(3_000);
    vi.advanceTimersByTime(1_000);
    expect(alerts.map((a) => a.state)).toEqual(['firing', 'resolved']);
  });
});
