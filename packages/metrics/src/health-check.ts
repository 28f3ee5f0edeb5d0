import { type Provider, healthCheckByGenerate, redactSecrets } from '@modelmux/core';

/** One provider's answer to `healthCheck()`. */
export interface ProviderHealthCheck {
  status: 'healthy' | 'unhealthy';
  model: string;
  latencyMs: number;
  /** Why it is unhealthy (API keys redacted). */
  error?: string;
}

/** Default time a health check may take, in ms. */
export const defaultHealthCheckTimeoutMs = 10_000;

/**
 * Checks one provider with the cheapest real call it allows (its own `healthCheck`, else a
 * one-token completion), bounded by `timeoutMs` even if the provider ignores its abort signal.
 * Never throws.
 */
export async function checkProvider(
  provider: Provider,
  timeoutMs: number,
): Promise<ProviderHealthCheck> {
  const started = performance.now();
  const model = provider.defaultModel;
  const elapsed = () => Math.round(performance.now() - started);
  if (!provider.isAvailable())
    return { status: 'unhealthy', model, latencyMs: 0, error: 'not configured (no API key)' };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<ProviderHealthCheck>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`health check timed out after ${timeoutMs}ms`));
      resolve({
        status: 'unhealthy',
        model,
        latencyMs: elapsed(),
        error: `timed out after ${timeoutMs}ms`,
      });
    }, timeoutMs);
  });
  const check = (async (): Promise<ProviderHealthCheck> => {
    try {
      const result = provider.healthCheck
        ? await provider.healthCheck({ signal: controller.signal })
        : await healthCheckByGenerate(provider, { signal: controller.signal });
      const answer: ProviderHealthCheck = {
        status: result.healthy ? 'healthy' : 'unhealthy',
        model: result.model || model,
        latencyMs: Math.round(result.latencyMs),
      };
      if (!result.healthy) answer.error = redactSecrets(result.error ?? 'unhealthy');
      return answer;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'unhealthy', model, latencyMs: elapsed(), error: redactSecrets(message) };
    }
  })();
  try {
    return await Promise.race([check, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every provider in parallel; resolves within `timeoutMs` (plus scheduling). */
export async function checkProviders(
  providers: readonly Provider[],
  timeoutMs: number,
): Promise<Record<string, ProviderHealthCheck>> {
  const results = await Promise.all(providers.map((p) => checkProvider(p, timeoutMs)));
  const byName: Record<string, ProviderHealthCheck> = {};
  providers.forEach((p, i) => (byName[p.name] = results[i]));
  return byName;
}
