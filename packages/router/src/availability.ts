/** Why a provider (or one of its models) cannot be called now, or undefined. Synchronous, O(1). */
export type Availability = (provider: string, model: string) => string | undefined;

/** A mark in a provider state store (structurally, resilience's `UnavailableMark`). */
interface Mark {
  reason: string;
  until: number;
}

/**
 * The read side of resilience's `ProviderStateStore` (`memoryProviderState()`, or the shared
 * store of `@modelmux/budgets`), structurally, so the router needs no runtime dependency.
 */
export interface ProviderStateReader {
  get(provider: string):
    | {
        coolDownUntil: number;
        coolDownKind?: string | undefined;
        unavailable?: Mark | undefined;
        unavailableModels?: ReadonlyMap<string, Mark> | undefined;
      }
    | undefined;
}

/**
 * Availability read from the executor's provider state store: auth/permission marks
 * (`unavailable: …`), not_found marks on a model, and cool-downs, which a shared store brings in
 * from every process of a fleet. Pass the same store to the executor (`store`) and here.
 *
 * @example
 * const state = memoryProviderState();
 * const executor = createFallbackExecutor({ store: state });
 * const router = createRouter({ providers, availability: anyOf(providerStateAvailability(state), stats.unavailableReason) });
 */
export function providerStateAvailability(
  store: ProviderStateReader,
  now: () => number = Date.now,
): Availability {
  return (provider, model) => {
    const record = store.get(provider);
    if (!record) return undefined;
    const at = now();
    if (record.unavailable && record.unavailable.until > at)
      return `unavailable: ${record.unavailable.reason}`;
    const forModel = record.unavailableModels?.get(model);
    if (forModel && forModel.until > at) return `model ${model} unavailable: ${forModel.reason}`;
    if (record.coolDownUntil > at)
      return `cooling down for ${record.coolDownUntil - at}ms more after ${record.coolDownKind ?? 'rate_limit'}`;
    return undefined;
  };
}

/** The first reason any of the checks gives (checked in order), or undefined. */
export function anyOf(...checks: readonly Availability[]): Availability {
  return (provider, model) => {
    for (const check of checks) {
      const reason = check(provider, model);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}
