import {
  type AlertMetricName,
  type AlertRule,
  type AlertSeverity,
  compareAlertValues,
  evaluateAlertExpression,
} from '@modelmux/core';

/** A rule changed state: it started firing, or stopped. Delivered once per change. */
export interface Alert {
  name: string;
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  /** The provider it is about (absent for `scope: 'total'` rules). */
  provider?: string;
  /** The condition's left side now (e.g. the error rate). */
  value: number;
  /** Firing: when the condition started to hold; resolved: when it stopped (epoch ms). */
  since: number;
}

interface RuleState {
  pendingSince: number | undefined;
  firing: Alert | undefined;
}

/** Reads one metric for a provider (or the total when `provider` is undefined). */
export type AlertMetricReader = (
  provider: string | undefined,
  metric: AlertMetricName,
) => number | undefined;

/**
 * Evaluates alert rules on demand (the caller's timer): a rule fires once when its condition has
 * held for its `for` duration, and resolves once when it stops holding. State per rule and
 * provider; no history is kept.
 */
export class AlertEvaluator {
  private readonly states = new Map<string, RuleState>();

  constructor(
    readonly rules: readonly AlertRule[],
    private readonly read: AlertMetricReader,
    private readonly emit: (alert: Alert) => void,
  ) {}

  /** Evaluates every rule for every provider in `providers` (and the totals) at `now`. */
  evaluate(providers: readonly string[], now: number): void {
    for (const rule of this.rules) {
      if (rule.provider !== undefined) this.evaluateOne(rule, rule.provider, now);
      else if (rule.scope === 'total') this.evaluateOne(rule, undefined, now);
      else for (const provider of providers) this.evaluateOne(rule, provider, now);
    }
  }

  /** The alerts firing now. */
  active(): Alert[] {
    const firing: Alert[] = [];
    for (const state of this.states.values()) if (state.firing) firing.push(state.firing);
    return firing;
  }

  /** How many alerts of a rule fire now. */
  firingCount(rule: string): number {
    let count = 0;
    for (const state of this.states.values()) if (state.firing?.name === rule) count++;
    return count;
  }

  private evaluateOne(rule: AlertRule, provider: string | undefined, now: number): void {
    const key = `${rule.name}\u0000${provider ?? ''}`;
    let state = this.states.get(key);
    const read = (metric: AlertMetricName) => this.read(provider, metric);
    const left = evaluateAlertExpression(rule.parsed.left, read);
    const holds = compareAlertValues(
      left,
      rule.parsed.operator,
      evaluateAlertExpression(rule.parsed.right, read),
    );
    if (!holds) {
      if (!state) return;
      state.pendingSince = undefined;
      if (state.firing) {
        const resolved: Alert = { ...state.firing, state: 'resolved', since: now };
        if (left !== undefined) resolved.value = left;
        state.firing = undefined;
        this.emit(resolved);
      }
      return;
    }
    if (!state) {
      state = { pendingSince: undefined, firing: undefined };
      this.states.set(key, state);
    }
    state.pendingSince ??= now;
    if (!state.firing && now - state.pendingSince >= rule.forMs) {
      const alert: Alert = {
        name: rule.name,
        severity: rule.severity,
        state: 'firing',
        value: left ?? 0,
        since: state.pendingSince,
      };
      if (provider !== undefined) alert.provider = provider;
      state.firing = alert;
      this.emit(alert);
    } else if (state.firing && left !== undefined) {
      state.firing.value = left;
    }
  }
}
