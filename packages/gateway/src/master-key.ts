import { randomBytes } from 'node:crypto';

/**
 * The master key from `MODELMUX_MASTER_KEY`, or a new random one (`generated: true`: print it
 * once, it is not stored anywhere).
 */
export function masterKeyFrom(env: NodeJS.ProcessEnv): { key: string; generated: boolean } {
  const given = env['MODELMUX_MASTER_KEY']?.trim();
  if (given) return { key: given, generated: false };
  return { key: `mmx-master-${randomBytes(24).toString('base64url')}`, generated: true };
}
