import { z } from 'zod';

const positiveInt = (what: string, example: number) =>
  z
    .number({ error: `expected ${what} as a whole number, e.g. ${example}` })
    .int({ error: `expected ${what} as a whole number, e.g. ${example}` })
    .positive({ error: `expected ${what} above 0, e.g. ${example}` });

/** The gateway's limits; each has a default a small deployment can keep. */
export const GatewayLimitsSchema = z.strictObject({
  /** Largest request body in bytes (413 above it). */
  maxBodyBytes: positiveInt('bytes', 1_048_576).default(1_048_576),
  /** Most `messages` in one chat or messages request (400 above it). */
  maxMessages: positiveInt('messages', 500).default(500),
  /** Whole-request deadline in ms for non-streamed answers (504 after it). */
  requestTimeoutMs: positiveInt('milliseconds', 120_000).default(120_000),
  /** A stream that sends nothing for this long is cut and its upstream call aborted. */
  streamIdleTimeoutMs: positiveInt('milliseconds', 60_000).default(60_000),
  /** Time a client has to send the request headers (node's `headersTimeout`; slow-loris). */
  headersTimeoutMs: positiveInt('milliseconds', 10_000).default(10_000),
  /** Idle keep-alive socket lifetime (node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: positiveInt('milliseconds', 5_000).default(5_000),
  /** Requests in flight per virtual key unless the key sets its own `maxConcurrency` (429 above it). */
  maxConcurrentPerKey: positiveInt('requests', 64).default(64),
  /** How long SIGTERM waits for in-flight requests and streams before closing them. */
  shutdownGraceMs: positiveInt('milliseconds', 10_000).default(10_000),
});

/** The `gateway` section of a gateway config file. */
export const GatewaySectionSchema = z.strictObject({
  port: positiveInt('a TCP port', 4000).max(65_535).optional(),
  host: z.string({ error: "expected a host name or address, e.g. '127.0.0.1'" }).optional(),
  /** Require a virtual key (or the master key) on the model routes (default true). */
  requireKey: z.boolean({ error: 'expected true or false' }).default(true),
  limits: GatewayLimitsSchema.default(() => GatewayLimitsSchema.parse({})),
  /** Reload the config when the file changes (SIGHUP always reloads). */
  watch: z.boolean({ error: 'expected true or false' }).default(false),
  /** pino log level. */
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: "expected one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'",
    })
    .default('info'),
});

/** The parsed `gateway` section. */
export type GatewaySection = z.output<typeof GatewaySectionSchema>;
/** The parsed `gateway.limits`. */
export type GatewayLimits = z.output<typeof GatewayLimitsSchema>;
/** What a user may write under `gateway`. */
export type GatewaySectionInput = z.input<typeof GatewaySectionSchema>;
