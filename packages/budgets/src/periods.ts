import { ConfigError } from '@modelmux/core';

/** A calendar period a limit resets on. */
export type Period = 'daily' | 'monthly';

/** The current period: its key (`2026-11-25`, `2026-11`) and when it ends (epoch ms). */
export interface PeriodWindow {
  key: string;
  start: number;
  end: number;
}

/**
 * Calendar periods in one IANA time zone, from `Intl.DateTimeFormat`. The current window of each
 * period is cached, so a lookup is two comparisons until the boundary passes (O(1), no
 * formatting on the hot path).
 */
export class PeriodClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache: Record<Period, PeriodWindow | undefined> = {
    daily: undefined,
    monthly: undefined,
  };

  constructor(readonly timeZone = 'UTC') {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ConfigError({
        issues: [
          {
            path: 'timeZone',
            message: `unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as 'UTC' or 'Europe/Berlin'`,
          },
        ],
      });
    }
  }

  /** The window of `period` that contains `now`. */
  window(period: Period, now: number): PeriodWindow {
    const cached = this.cache[period];
    if (cached && now >= cached.start && now < cached.end) return cached;
    const { year, month, day } = this.parts(now);
    const pad = (n: number) => String(n).padStart(2, '0');
    const window: PeriodWindow =
      period === 'daily'
        ? {
            key: `${year}-${pad(month)}-${pad(day)}`,
            start: this.instantOf(year, month, day),
            end: this.instantOf(year, month, day + 1),
          }
        : {
            key: `${year}-${pad(month)}`,
            start: this.instantOf(year, month, 1),
            end: this.instantOf(year, month + 1, 1),
          };
    this.cache[period] = window;
    return window;
  }

  private parts(now: number) {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(now))
      if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
    return out;
  }

  /** How far local time is ahead of UTC at `instant`, in ms. */
  private offset(instant: number): number {
    const p = this.parts(instant);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return local - Math.floor(instant / 1000) * 1000;
  }

  /** The instant of local midnight starting `year-month-day` (overflowing days/months roll over). */
  private instantOf(year: number, month: number, day: number): number {
    const guess = Date.UTC(year, month - 1, day);
    const first = guess - this.offset(guess);
    const second = guess - this.offset(first);
    return second;
  }
}
