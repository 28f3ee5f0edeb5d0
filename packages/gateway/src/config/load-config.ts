import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigError, type ConfigIssue, type MultiLLMConfig, parseConfig } from '@modelmux/core';
import { parse as parseYaml } from 'yaml';
import { type GatewaySection, GatewaySectionSchema } from './gateway-schema.js';

/** A validated gateway config: the modelmux config plus the `gateway` section. */
export interface GatewayConfig {
  /** The core config (`ProviderFactory` takes it), validated by core's `parseConfig`. */
  modelmux: MultiLLMConfig;
  gateway: GatewaySection;
}

const envPattern = /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g;

/** Replaces `${NAME}` and `${NAME:-default}` in every string with the environment's value. */
function interpolate(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: string,
  issues: ConfigIssue[],
): unknown {
  if (typeof value === 'string')
    return value.replace(envPattern, (_, name: string, fallback: string | undefined) => {
      const found = env[name] ?? fallback;
      if (found === undefined)
        issues.push({
          path,
          message: `environment variable ${name} is not set (or write \${${name}:-default})`,
        });
      return found ?? '';
    });
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}.${i}`, issues));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        interpolate(v, env, path ? `${path}.${k}` : k, issues),
      ]),
    );
  return value;
}

/**
 * Validates a raw gateway config object: `gateway` with the gateway's schema, everything else
 * with core's `parseConfig`. Throws one `ConfigError` whose issues name every bad path.
 */
export function parseGatewayConfig(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError({
      issues: [
        {
          path: '',
          message: 'expected a config object with `providers` and an optional `gateway` section',
        },
      ],
    });
  const issues: ConfigIssue[] = [];
  const { gateway, ...rest } = interpolate(raw, env, '', issues) as Record<string, unknown>;
  const section = GatewaySectionSchema.safeParse(gateway ?? {});
  if (!section.success)
    for (const issue of section.error.issues)
      issues.push({
        path: ['gateway', ...issue.path.map(String)].join('.'),
        message: issue.message,
      });
  let modelmux: MultiLLMConfig | undefined;
  try {
    modelmux = parseConfig(rest);
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length || !section.success || !modelmux) throw new ConfigError({ issues });
  return { modelmux, gateway: section.data };
}

/** Reads and validates a `.yaml`, `.yml` or `.json` gateway config file. */
export async function loadGatewayConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError({
      issues: [
        {
          path: '',
          message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        },
      ],
    });
  }
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError({
      issues: [
        {
          path: '',
          message: `${file} is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
        },
      ],
    });
  }
  return parseGatewayConfig(raw, env);
}
