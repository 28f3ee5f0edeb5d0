import { z } from 'zod';
import { defineTool } from '../tool.js';

/** Whether `Intl` knows a time zone name. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * `current_time`: the current date and time (ISO 8601 UTC, and in the asked IANA time zone).
 * `now` is the clock (tests pass a fixed one).
 */
export function currentTimeTool(now: () => number = Date.now) {
  return defineTool({
    name: 'current_time',
    description: 'Get the current date and time, optionally in an IANA time zone.',
    parameters: z.object({
      timeZone: z
        .string()
        .optional()
        .describe('An IANA time zone such as "Europe/Paris"; default UTC'),
    }),
    execute: ({ timeZone }) => {
      const zone = timeZone ?? 'UTC';
      if (!isTimeZone(zone))
        throw new Error(
          `unknown time zone "${zone}": use an IANA name such as "Europe/Paris" or "UTC"`,
        );
      const date = new Date(now());
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        dateStyle: 'full',
        timeStyle: 'long',
      }).format(date);
      return { iso: date.toISOString(), timeZone: zone, local };
    },
  });
}
