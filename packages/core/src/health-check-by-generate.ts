import type { HealthCheckResult, Provider } from './provider.js';

/**
 * A provider's health check by a one-token call (`ping`, `maxTokens: 1`) to its default model,
 * for vendors with no free endpoint to ask. Never throws: a failure is `healthy: false` with the
 * error's message (adapters redact their errors' messages of API keys).
 *
 * @example
 * ```ts
 * healthCheck(options: { signal?: AbortSignal } = {}) {
 *   return healthCheckByGenerate(this, options);
 * }
 * ```
 */
export async function healthCheckByGenerate(
  provider: Pick<Provider, 'generate' | 'defaultModel'>,
  options: { signal?: AbortSignal } = {},
): Promise<HealthCheckResult> {
  const started = performance.now();
  try {
    await provider.generate({
      messages: [{ role: 'user', content: 'ping' }],
      maxTokens: 1,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { healthy: true, latencyMs: performance.now() - started, model: provider.defaultModel };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      healthy: false,
      latencyMs: performance.now() - started,
      model: provider.defaultModel,
      error: message,
    };
  }
}
