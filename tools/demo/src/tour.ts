import { agentRoutingRules, type AgentResult } from '@modelmux/app-agent';
import type { ChatTurn } from '@modelmux/app-chatbot';
import {
  type AppConfig,
  createAppFactory,
  hasProviderEnv,
  type RagAnswer,
} from '@modelmux/app-rag';
import type { Env } from '@modelmux/core';
import { type FakeProviders, fakeProviderNames, startFakeProviders } from '@modelmux/testing';
import type { AlertEvent, ProviderFactory, ProviderFactoryOptions } from 'modelmux';
import { formatMetricsTable } from './metrics-table.js';
import type { RequestRecord } from './request-line.js';
import { usd } from './request-line.js';
import { agentSection } from './sections/agent.js';
import { chatSection } from './sections/chat.js';
import { type DrillReport, drillSection, primary, trialUser } from './sections/drill.js';
import { ragSection } from './sections/rag.js';
import { type Print, skewClock, tourContext } from './tour-context.js';

/** Options of {@link runTour}. */
export interface TourOptions {
  /** Where lines go (default `console.log`). */
  print?: Print;
  /** Where API keys are looked for (default `process.env`). */
  env?: Env;
  /** `'fake'` forces the offline fakes; default `'auto'`: real providers when keys are set. */
  mode?: 'auto' | 'fake' | 'real';
}

/** What the tour did, for its test. */
export interface TourReport {
  mode: 'fake' | 'real';
  providers: string[];
  records: RequestRecord[];
  /** Undefined when the section failed (real providers only: offline a failure throws). */
  rag: RagAnswer | undefined;
  agent: AgentResult | undefined;
  /** Sections that failed with real providers, each with its error. */
  failures: string[];
  chat: ChatTurn[];
  /** Offline only (the drill scripts failures at the fakes). */
  drill: DrillReport | undefined;
  alerts: AlertEvent[];
  metrics: ReturnType<ProviderFactory['getProviderMetrics']>;
  /** Requests each fake server received (offline only). */
  fakeCounts: Record<string, number> | undefined;
}

/** How often alert rules run during the offline tour (the default is 15 s). */
const alertIntervalMs = 50;

/** The tour's config on top of the providers: the agent's rules, the drill's budget and alerts. */
export function tourConfig(offline: boolean): AppConfig {
  const shared: AppConfig = {
    rules: agentRoutingRules,
    costLimitPerUser: 0.0003,
  };
  if (!offline) return shared;
  return {
    ...shared,
    primaryProvider: primary,
    fallbackProviders: fakeProviderNames.filter((p) => p !== primary),
    maxRetries: 1,
    alertIntervalMs,
    alerts: [
      { name: 'breaker_open', condition: 'breaker_state == 2', severity: 'critical' },
      {
        name: 'primary_errors',
        condition: 'error_rate > 0.1',
        severity: 'warning',
        provider: primary,
      },
    ],
  };
}

/**
 * Short breaker and backoff settings for the offline tour, so the drill is fast and repeats
 * exactly: the breaker opens after 2 calls at ≥ 50 % errors and lets a probe through after 300 ms.
 */
export const offlineFactoryOptions: ProviderFactoryOptions = {
  breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 300 },
  backoff: { baseDelayMs: 5, maxDelayMs: 20 },
  seed: 42,
};

/**
 * The modelmux tour (`npm run demo`), all through one `ProviderFactory`: a RAG question, an
 * agent task, a short chat, then (offline) a failure drill — 429 and cool-down, a dead primary
 * and its breaker, recovery, a budget refusal — and a metrics table per provider with the alerts
 * that fired. Offline it starts `@modelmux/testing`'s fake providers in this process; with API
 * keys in the environment it uses the real providers it finds and skips the drill.
 */
export async function runTour(options: TourOptions = {}): Promise<TourReport> {
  const print = options.print ?? console.log;
  const env = options.env ?? process.env;
  const mode = options.mode ?? 'auto';
  const offline = mode === 'fake' || (mode === 'auto' && !hasProviderEnv(env));
  const clock = skewClock();
  const fake: FakeProviders | undefined = offline
    ? await startFakeProviders({ seed: 42 })
    : undefined;
  try {
    const app = await createAppFactory({
      env,
      mode: offline ? 'fake' : 'real',
      ...(fake && { fake }),
      config: tourConfig(offline),
      factoryOptions: { now: clock.now, ...(offline && offlineFactoryOptions) },
    });
    const alerts: AlertEvent[] = [];
    const offAlerts = app.factory.on('alert', (alert) => {
      alerts.push(alert);
      print(
        `        🔔 alert ${alert.name} (${alert.severity}${alert.provider ? `, ${alert.provider}` : ''}): ${alert.state}`,
      );
    });
    try {
      print(`modelmux tour — ${app.describe()}`);
      print(
        'Each request prints one line: #, provider, model, strategy or rule, latency, tokens, cost, fallback taken.',
      );
      const ctx = tourContext({ factory: app.factory, fake, print, clock });
      // Offline a failing section is a bug and fails the tour; with real providers a section
      // that fails (a bad key, no provider that embeds) is reported and the tour goes on.
      const failures: string[] = [];
      const section = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
        if (offline) return run();
        try {
          return await run();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures.push(`${name}: ${message}`);
          print(`   ✗ ${name} failed: ${message.split('\n').join('\n     ')}`);
          return undefined;
        }
      };
      const rag = await section('RAG', () => ragSection(ctx));
      if (offline && !rag) throw new Error('the offline tour needs the RAG section');
      const agent = await section('agent', () => agentSection(ctx, rag?.rag));
      const chat = (await section('chat', () => chatSection(ctx))) ?? [];
      let drill: DrillReport | undefined;
      if (fake) {
        drill = await drillSection(ctx, fake);
        // One more round of the alert rules, so the last state change is reported.
        await new Promise((resolve) => setTimeout(resolve, alertIntervalMs * 3));
      } else
        print(
          '\n4. Failure drill: skipped with real providers (it scripts 429s and 500s at the fake servers; run `npm run demo -- --offline` to see it).',
        );

      const metrics = app.factory.getProviderMetrics();
      print('\n5. Metrics per provider (factory.getProviderMetrics())');
      print(formatMetricsTable(metrics));
      const fakeCounts = fake
        ? Object.fromEntries(fakeProviderNames.map((p) => [p, fake.count(p)]))
        : undefined;
      if (fakeCounts)
        print(
          `   requests each fake server received: ${Object.entries(fakeCounts)
            .map(([p, n]) => `${p} ${n}`)
            .join(', ')}`,
        );
      const fired = alerts.filter((a) => a.state === 'firing');
      print(`\nAlerts that fired${fired.length === 0 ? ': none' : ` (${fired.length})`}`);
      for (const alert of fired)
        print(
          `   ${alert.severity.padEnd(8)} ${alert.name}${alert.provider ? ` (${alert.provider})` : ''} value ${Number(alert.value.toPrecision(6))}${
            alerts.some(
              (a) =>
                a.name === alert.name && a.provider === alert.provider && a.state === 'resolved',
            )
              ? ', resolved since'
              : ', still firing'
          }`,
        );
      print(
        `\nDone: ${ctx.records.length} requests, ${usd(metrics.totalCostUsd)} in all${
          offline
            ? ', offline (no API key used; the budget drill spent user ' + trialUser + "'s day)"
            : ''
        }.`,
      );
      return {
        mode: offline ? 'fake' : 'real',
        providers: app.providers,
        records: ctx.records,
        rag: rag?.answer,
        agent,
        failures,
        chat,
        drill,
        alerts,
        metrics,
        fakeCounts,
      };
    } finally {
      offAlerts();
      await app.close();
    }
  } finally {
    await fake?.close();
  }
}
